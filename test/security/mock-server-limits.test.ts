import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatProblem, loadCatalog, writeSnapshot } from '../../catalog/index.ts';
import {
  startMockProcess,
  type MockProcess,
} from '../integration/gateway/helpers/start-mock-process.ts';
import { startGatewaySandbox, type GatewaySandbox } from './helpers/gateway-sandbox.ts';
import { createHostileRepo, type HostileRepo } from './helpers/hostile-repo.ts';

/**
 * Documents that ask the mock server for unbounded work, through the real gateway and the real
 * mock server in its own process (a frozen one must not freeze the test). Each case checks the
 * answer, and that another API is answered beside it, never how long either took.
 */
const hostileDocument = `openapi: 3.1.0
info: { title: Hostile, version: 1.0.0 }
paths:
  /redos:
    get:
      parameters:
        - { name: q, in: query, required: true, schema: { type: string, pattern: '^(a+)+$' } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object }, example: { ok: true } } } }
  /lookaround:
    get:
      parameters:
        - { name: q, in: query, required: true, schema: { type: string, pattern: '^(?=(a+)+$)a*$' } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object }, example: { ok: true } } } }
  /backreference:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: array
              items: { type: string, pattern: '^(a|a)+\\1$' }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object }, example: { ok: true } } } }
`;
const otherDocument = `openapi: 3.1.0
info: { title: Other, version: 1.0.0 }
paths:
  /x:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object }, example: { ok: true } } } }
`;

let repo: HostileRepo;
let mock: MockProcess;
let sandbox: GatewaySandbox;
const keys = { hostile: '', other: '' };

before(async () => {
  repo = await createHostileRepo({
    'apis/hostile/openapi.yaml': hostileDocument,
    'apis/other/openapi.yaml': otherDocument,
  });
  const result = await loadCatalog({
    apisDir: repo.apisDir,
    mocksDir: repo.mocksDir,
    audience: 'internal',
  });
  if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
  const snapshot = `${repo.root}/catalog.json`;
  await writeSnapshot(result.catalog, snapshot);
  mock = await startMockProcess(snapshot, '/other/v1/x');
  sandbox = await startGatewaySandbox({ catalog: result.catalog, upstreamUrl: mock.url });
  keys.hostile = (await sandbox.issueKey({ application: 'Motifs', api: 'hostile' })).key;
  keys.other = (await sandbox.issueKey({ application: 'Voisine', api: 'other' })).key;
});
after(async () => {
  await sandbox.close();
  await mock.stop();
  await repo.remove();
});

/** Calls the gateway with the key of `api`; returns the status and the parsed body. */
async function call(
  api: keyof typeof keys,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.baseUrl}/${api}/v1${path}`, {
    ...init,
    headers: { ...init.headers, 'x-api-key': keys[api] },
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

/** Sends the hostile call and, once it is on its way, a call to another API. */
async function callBeside(
  hostile: () => ReturnType<typeof call>,
): Promise<[Awaited<ReturnType<typeof call>>, Awaited<ReturnType<typeof call>>]> {
  const pending = hostile();
  return Promise.all([pending, call('other', '/x')]);
}

function locationsOf(body: Record<string, unknown>): string[] {
  const violations = body.violations as { location: string }[] | undefined;
  return (violations ?? []).map((violation) => violation.location);
}

describe("a document's pattern never holds the mock server", () => {
  test("a query against '^(a+)+$' with 40 a's and a '!' gets its violation", async () => {
    const [hostile, other] = await callBeside(() => call('hostile', `/redos?q=${'a'.repeat(40)}!`));
    assert.equal(hostile.status, 422);
    assert.deepEqual(locationsOf(hostile.body), ['query.q']);
    assert.equal(other.status, 200);
    // The same pattern still accepts what it should.
    assert.equal((await call('hostile', `/redos?q=${'a'.repeat(40)}`)).status, 200);
  });

  test('a lookaround that backtracks without end (RE2 cannot run it) gets its violation', async () => {
    const [hostile, other] = await callBeside(() =>
      call('hostile', `/lookaround?q=${'a'.repeat(40)}!`),
    );
    assert.equal(hostile.status, 422);
    assert.deepEqual(locationsOf(hostile.body), ['query.q']);
    assert.equal(other.status, 200);
    assert.equal((await call('hostile', '/lookaround?q=aaaa')).status, 200);
  });

  test('a body of 200 values against a backreference pattern is answered', async () => {
    const [hostile, other] = await callBeside(() =>
      call('hostile', '/backreference', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: 200 }, () => `${'a'.repeat(40)}!`)),
      }),
    );
    assert.equal(hostile.status, 422);
    assert.ok(locationsOf(hostile.body).length > 0);
    assert.equal(other.status, 200);
  });
});
