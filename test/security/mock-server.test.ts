import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import { createMockServer } from '../../mock-server/create-mock-server.ts';
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
