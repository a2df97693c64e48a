import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import { createMockServer } from '../../mock-server/create-mock-server.ts';
import {
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';
import { createHostileRepo } from './helpers/hostile-repo.ts';

/** A listener standing for another host: it counts every connection it receives. */
async function startWitness(): Promise<{
  url: string;
  connections: () => number;
  close: () => void;
}> {
  let connections = 0;
  const server = createServer((_request, response) => {
    response.end('{"secret":"from the witness"}');
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    connections: () => connections,
    close: () => server.close(),
  };
}

/** A document whose only answer's example holds `literal` under `meta`. */
function documentWithExampleMeta(literal: string): string {
  return `openapi: 3.0.3
info: { title: Hostile, version: 1.0.0 }
paths:
  /things:
    get:
      responses:
        '200':
          description: A thing.
          content:
            application/json:
              schema: { type: object }
              examples:
                one:
                  value: { id: 1, meta: ${literal} }
`;
}

describe('the mock server never follows a reference found in literal data', () => {
  for (const [name, literal] of [
    ['a $ref to another host inside an example', (url: string) => `{ $ref: '${url}/meta.json' }`],
    [
      'a $ref to another host nested deep in an example',
      (url: string) => `{ a: [ { b: { $ref: '${url}/deep.json' } } ] }`,
    ],
  ] as const) {
    test(name, async () => {
      const witness = await startWitness();
      const repo = await createHostileRepo({
        'apis/hostile/openapi.yaml': documentWithExampleMeta(literal(witness.url)),
      });
      try {
        const result = await loadCatalog({
          apisDir: repo.apisDir,
          mocksDir: repo.mocksDir,
          audience: 'internal',
        });
        if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
        const mock = createMockServer({ catalog: result.catalog, prepareWorkers: 1 });
        const server = createServer(mock.handle);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const { port } = server.address() as AddressInfo;
        try {
          await mock.prepareAll();
          const response = await fetch(`http://127.0.0.1:${String(port)}/hostile/v1/things`);
          assert.equal(response.status, 200);
          assert.doesNotMatch(await response.text(), /witness|\$ref/);
          assert.equal(witness.connections(), 0);
        } finally {
          server.closeAllConnections();
          server.close();
          await mock.close();
        }
      } finally {
        witness.close();
        await repo.remove();
      }
    });
  }
});

/** A listener standing for a host a callback could reach: it records connections in order. */
async function startOrderedWitness(): Promise<{
  url: string;
  /** Connections accepted before the request for `/marker` arrived, the marker's own included. */
  connectionsBeforeMarker: () => Promise<number>;
  close: () => void;
}> {
  let connections = 0;
  let markerSeenAfter: number | undefined;
  const server = createServer((request, response) => {
    if (request.url === '/marker') markerSeenAfter = connections;
    response.end('{}');
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    url,
    // A connection the mock engine started is accepted before one started after its answer
    // arrived: asking for /marker once the answer is in tells whether any came first.
    async connectionsBeforeMarker() {
      await (await fetch(`${url}/marker`, { headers: { connection: 'close' } })).text();
      return markerSeenAfter ?? Number.NaN;
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A document whose POST /sub declares callbacks: one to a URL of the request, one hard-coded. */
function documentWithCallbacks(hardcodedUrl: string): string {
  return `openapi: 3.0.3
info: { title: Hostile, version: 1.0.0 }
paths:
  /sub:
    post:
      operationId: subscribe
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties: { callbackUrl: { type: string } }
      callbacks:
        fromBody:
          '{$request.body#/callbackUrl}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: { type: object }
                    example: { leak: from-callback }
              responses: { '200': { description: ok } }
        hardcoded:
          '${hardcodedUrl}/hardcoded-callback':
            post:
              responses: { '200': { description: ok } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object }
              example: { ok: true }
`;
}

describe('the sandbox never runs a callback of a document', () => {
  for (const through of ['the mock server', 'the gateway'] as const) {
    test(`a callback to a URL of the request body and a hard-coded one, through ${through}`, async () => {
      const witness = await startOrderedWitness();
      const repo = await createHostileRepo({
        'apis/hostile/openapi.yaml': documentWithCallbacks(witness.url),
      });
      let mock: RunningMockServer | undefined;
      let sandbox: GatewaySandbox | undefined;
      try {
        const result = await loadCatalog({
          apisDir: repo.apisDir,
          mocksDir: repo.mocksDir,
          audience: 'internal',
        });
        if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
        mock = await startFixtureMockServer(result.catalog);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        let baseUrl = mock.url;
        if (through === 'the gateway') {
          sandbox = await startGatewaySandbox({ catalog: result.catalog, upstreamUrl: mock.url });
          headers['x-api-key'] = (
            await sandbox.issueKey({ application: 'Rappels', api: 'hostile' })
          ).key;
          baseUrl = sandbox.baseUrl;
        }
        const response = await fetch(`${baseUrl}/hostile/v1/sub`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ callbackUrl: `${witness.url}/ssrf-from-request-body` }),
        });
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { ok: true });
        assert.equal(await witness.connectionsBeforeMarker(), 1, 'only the marker reached it');
      } finally {
        await sandbox?.close();
        await mock?.close();
        witness.close();
        await repo.remove();
      }
    });
  }
});
