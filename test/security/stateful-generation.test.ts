/**
 * Hostile documents and requests aimed at the sandbox's memory of objects (the stateful layer):
 * a resource whose required fields or identifier ask the generator for gigabytes, seeds from
 * huge examples, a list asked for a huge page, patches deep, wide, numerous or copying the
 * object into itself. Each runs through the real gateway in front of the real mock server in
 * its own process (a frozen one must not freeze the test), and checks the answer, its size and
 * that another API is answered beside it, never how long either took.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatProblem, loadCatalog, writeSnapshot } from '../../catalog/index.ts';
import {
  startMockProcess,
  type MockProcess,
} from '../integration/gateway/helpers/start-mock-process.ts';
import { startGatewaySandbox, type GatewaySandbox } from './helpers/gateway-sandbox.ts';
import { createHostileRepo, type HostileRepo } from './helpers/hostile-repo.ts';

type Schema = Record<string, unknown>;

const json = (schema: unknown) => ({ 'application/json': { schema } });

/**
 * A collection `/<name>` (list, create) and its item `/<name>/{id}` (read, merge patch and
 * JSON Patch), whose objects are `items[name]`; `list` adds to the list's operation.
 */
function resourcePaths(
  name: string,
  options: { id?: Schema; list?: Record<string, unknown>; example?: unknown } = {},
): Record<string, unknown> {
  const ref = { $ref: `#/components/schemas/${name}` };
  const listed = { schema: { type: 'array', items: ref }, example: options.example };
  return {
    [`/${name}`]: {
      get: {
        responses: { '200': { description: 'ok', content: { 'application/json': listed } } },
        ...options.list,
      },
      post: {
        requestBody: { content: json({ type: 'object' }) },
        // The creation answers no field: the object's come from the generator.
        responses: { '201': { description: 'made', content: json({ type: 'object' }) } },
      },
    },
    [`/${name}/{id}`]: {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: options.id ?? { type: 'integer' } },
      ],
      get: { responses: { '200': { description: 'ok', content: json(ref) } } },
      patch: {
        requestBody: {
          content: {
            'application/merge-patch+json': { schema: { type: 'object' } },
            'application/json-patch+json': { schema: { type: 'array' } },
          },
        },
        responses: { '200': { description: 'ok', content: json(ref) } },
      },
    },
  };
}

const withId = (required: string[], properties: Schema, id: Schema = { type: 'integer' }) => ({
  type: 'object',
  required: ['id', ...required],
  properties: { id, ...properties },
});

/** Five arrays of 20 nested: each within the generators' bounds, 3.2 million values in all. */
const nestedArrays = [1, 2, 3, 4, 5].reduce<Schema>(
  (items) => ({ type: 'array', minItems: 20, maxItems: 20, items }),
  { type: 'integer' },
);

const hugePattern = '^a{100000000}$';
const hugeLength = { type: 'string', minLength: 200_000_000, maxLength: 200_000_000 };
/** A seed of 256 KiB: twenty-four of them are more than a consumer keeps (5 MiB). */
const seedBlob = 'x'.repeat(256 * 1024);
const seedCount = 24;

/** Each resource's objects: the generators are asked for what these require. */
const items: Record<string, Schema> = {
  bigarrays: withId(['list'], {
    list: { type: 'array', minItems: 5_000_000, items: { type: 'string', minLength: 100 } },
  }),
  longstrings: withId(['s'], { s: { type: 'string', minLength: 200_000_000 } }),
  nested: withId(['n'], { n: nestedArrays }),
  patterned: withId([], {}, { type: 'string', pattern: hugePattern }),
  longids: withId([], {}, hugeLength),
  notes: withId([], { title: { type: 'string' } }),
  seeded: withId([], { blob: { type: 'string' } }),
};

const pagingParameters = [
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
  { name: 'limit', in: 'query', schema: { type: 'integer', default: 10 } },
];
/** The seeded resource's list answers its example: many objects, each of 256 KiB. */
const seedExample = Array.from({ length: seedCount }, (_, index) => ({
  id: index + 1,
  blob: seedBlob,
}));

const hostileDocument = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Hostile resources', version: '1.0.0' },
  paths: {
    ...resourcePaths('bigarrays'),
    ...resourcePaths('longstrings'),
    ...resourcePaths('nested'),
    ...resourcePaths('patterned', { id: { type: 'string', pattern: hugePattern } }),
    ...resourcePaths('longids', { id: hugeLength }),
    ...resourcePaths('notes', { list: { parameters: pagingParameters } }),
  },
  components: { schemas: items },
});

/** An API of its own: every consumer of the hostile one would start full of its seeds. */
const seedsDocument = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Huge seeds', version: '1.0.0' },
  paths: resourcePaths('seeded', { example: seedExample }),
  components: { schemas: { seeded: items.seeded } },
});

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
const keys = { hostile: '', seeds: '', other: '' };

before(async () => {
  repo = await createHostileRepo({
    'apis/hostile/openapi.json': hostileDocument,
    'apis/seeds/openapi.json': seedsDocument,
    'apis/other/openapi.yaml': otherDocument,
  });
  const result = await loadCatalog({
    apisDir: repo.apisDir,
    mocksDir: repo.mocksDir,
    audience: 'internal',
  });
  if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
  const resources = result.catalog.apis
    .find((api) => api.id === 'hostile')
    ?.versions[0]?.resources.map((resource) => resource.collectionPath);
  assert.deepEqual(resources?.toSorted(), [
    '/bigarrays',
    '/longids',
    '/longstrings',
    '/nested',
    '/notes',
    '/patterned',
  ]);
  const snapshot = `${repo.root}/catalog.json`;
  await writeSnapshot(result.catalog, snapshot);
  mock = await startMockProcess(snapshot, '/other/v1/x');
  await waitForEveryVersion(mock.url);
  sandbox = await startGatewaySandbox({ catalog: result.catalog, upstreamUrl: mock.url });
  keys.hostile = (await sandbox.issueKey({ application: 'Ressources', api: 'hostile' })).key;
  keys.seeds = (await sandbox.issueKey({ application: 'Graines', api: 'seeds' })).key;
  keys.other = (await sandbox.issueKey({ application: 'Voisine', api: 'other' })).key;
});
after(async () => {
  await sandbox.close();
  await mock.stop();
  await repo.remove();
});

async function waitForEveryVersion(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/_mock/health`)).json()) as { loading: number };
    if (health.loading === 0) return;
    await sleep(100);
  }
}

interface Called {
  status: number;
  headers: Headers;
  bytes: number;
  body: unknown;
}

async function call(
  who: keyof typeof keys,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<Called> {
  const api = who === 'hostile' ? 'hostile' : who;
  const answer = await fetch(`${sandbox.baseUrl}/${api}/v1${path}`, {
    method,
    headers: {
      'x-api-key': keys[who],
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await answer.text();
  return {
    status: answer.status,
    headers: answer.headers,
    bytes: Buffer.byteLength(text),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

/** Sends the hostile call and, beside it, a call to another API, which must be answered. */
async function callBeside(hostile: () => Promise<Called>): Promise<Called> {
  const [answer, other] = await Promise.all([hostile(), call('other', 'GET', '/x')]);
  assert.equal(other.status, 200, 'another API answers beside the hostile call');
  return answer;
}

/** The answers here are at most this large: the bounds keep them far below. */
const answerBytesBound = 1024 * 1024;

const typeOf = (body: unknown): unknown => (body as { type?: unknown } | undefined)?.type;

/** An object the sandbox could not make fit its schema: the document's answer, not stored. */
function assertNotStored(answer: Called, why: RegExp): void {
  assert.equal(answer.status, 201);
  assert.ok(answer.bytes < answerBytesBound, `${String(answer.bytes)} bytes`);
  assert.match(answer.headers.get('x-guichet-not-stored') ?? '', why);
  assert.equal(answer.headers.get('location'), null);
}

describe('a creation never asks the generator for more than it bounds', () => {
  test('a required array of minItems 5,000,000 strings of minLength 100', async () => {
    // Drawn within the bounds, the field is refused for what it is: too short.
    const answer = await callBeside(() => call('hostile', 'POST', '/bigarrays', '{}'));
    assertNotStored(answer, /list must NOT have fewer than 5000000 items/);
  });

  test('a required string of minLength 200,000,000', async () => {
    const answer = await callBeside(() => call('hostile', 'POST', '/longstrings', '{}'));
    assertNotStored(answer, /s must NOT have fewer than 200000000 characters/);
  });

  test("an identifier of pattern '^a{100000000}$'", async () => {
    const answer = await callBeside(() => call('hostile', 'POST', '/patterned', '{}'));
    assertNotStored(answer, /no identifier fits its schema/);
  });

  test('an identifier of minLength and maxLength 200,000,000', async () => {
    const answer = await callBeside(() => call('hostile', 'POST', '/longids', '{}'));
    assertNotStored(answer, /no identifier fits its schema/);
  });

  test('a required field of five nested arrays of 20 (3.2 million values) gets answer-too-large', async () => {
    const answer = await callBeside(() => call('hostile', 'POST', '/nested', '{}'));
    assert.equal(answer.status, 500);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json');
    assert.equal(typeOf(answer.body), '/problems/answer-too-large');
    assert.ok(answer.bytes < answerBytesBound);
  });
});

describe('what a consumer finds and asks for stays within its limits', () => {
  test('seeds of 24 examples of 256 KiB: those past the bytes a consumer keeps are left out', async () => {
    const listed = await callBeside(() => call('seeds', 'GET', '/seeded'));
    assert.equal(listed.status, 200);
    assert.ok(Array.isArray(listed.body));
    const count = (listed.body as unknown[]).length;
    assert.ok(count >= 1 && count < seedCount, `${String(count)} seeds`);
    assert.ok(listed.bytes <= 5 * 1024 * 1024);
  });

  test('a list asked for a page of 9,007,199,254,740,991 objects from a huge offset', async () => {
    assert.equal((await call('hostile', 'POST', '/notes', '{"title":"a"}')).status, 201);
    const all = await callBeside(() => call('hostile', 'GET', '/notes?limit=9007199254740991'));
    assert.equal(all.status, 200);
    assert.ok(Array.isArray(all.body) && all.body.length === 1);
    const far = await callBeside(() =>
      call('hostile', 'GET', '/notes?limit=9007199254740991&offset=9007199254740991'),
    );
    assert.equal(far.status, 200);
    assert.deepEqual(far.body, []);
  });
});

describe('a patch is bounded, and never holds the mock server', () => {
  let note = '';
  before(async () => {
    const made = await call('hostile', 'POST', '/notes', '{"title":"patched","tags":[]}');
    assert.equal(made.status, 201);
    note = `/${made.headers.get('location') ?? ''}`;
  });

  test('a merge patch nested 64 levels (the deepest body read) is applied', async () => {
    const deep = `${'{"t":'.repeat(64)}1${'}'.repeat(64)}`;
    const patched = await callBeside(() =>
      call('hostile', 'PATCH', note, deep, 'application/merge-patch+json'),
    );
    assert.equal(patched.status, 200);
    const tooDeep = `{"t":${deep}}`;
    const refused = await call('hostile', 'PATCH', note, tooDeep, 'application/merge-patch+json');
    assert.equal(refused.status, 400);
    assert.equal(typeOf(refused.body), '/problems/json-too-deep');
  });

  test('a merge patch of 50,000 fields is applied once, within the bytes a consumer keeps', async () => {
    const wide = JSON.stringify(
      Object.fromEntries(Array.from({ length: 50_000 }, (_, index) => [`f${String(index)}`, 1])),
    );
    const patched = await callBeside(() =>
      call('hostile', 'PATCH', note, wide, 'application/merge-patch+json'),
    );
    assert.equal(patched.status, 200);
    assert.ok(patched.bytes < answerBytesBound);
  });

  test('a JSON Patch of 25,000 operations gets 422 naming the limit', async () => {
    const operations = Array.from({ length: 25_000 }, () => ({
      op: 'add',
      path: '/tags/0',
      value: 0,
    }));
    const refused = await callBeside(() =>
      call('hostile', 'PATCH', note, JSON.stringify(operations), 'application/json-patch+json'),
    );
    assert.equal(refused.status, 422);
    assert.equal(typeOf(refused.body), '/problems/request-violations');
    assert.match(
      String((refused.body as { detail?: unknown }).detail),
      /at most [\d,]+ operations/,
    );
  });

  test('a JSON Patch copying the object into itself 60 times (2^60 copies) is refused', async () => {
    const operations = Array.from({ length: 60 }, (_, index) => ({
      op: 'copy',
      from: '',
      path: `/c${String(index)}`,
    }));
    const refused = await callBeside(() =>
      call('hostile', 'PATCH', note, JSON.stringify(operations), 'application/json-patch+json'),
    );
    assert.equal(refused.status, 422);
    assert.equal(typeOf(refused.body), '/problems/request-violations');
    assert.match(String((refused.body as { detail?: unknown }).detail), /copies more than/);
    // The object as stored is unchanged, and answered.
    const read = await call('hostile', 'GET', note);
    assert.equal(read.status, 200);
    assert.equal((read.body as { c0?: unknown }).c0, undefined);
  });
});
