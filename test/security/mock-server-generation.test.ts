import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatProblem, loadCatalog, writeSnapshot } from '../../catalog/index.ts';
import { generationLimits } from '../../mock-server/prepare/bound-generation.ts';
import {
  startMockProcess,
  type MockProcess,
} from '../integration/gateway/helpers/start-mock-process.ts';
import { startGatewaySandbox, type GatewaySandbox } from './helpers/gateway-sandbox.ts';
import { createHostileRepo, type HostileRepo } from './helpers/hostile-repo.ts';

/**
 * Response schemas that ask the mock server's generators for unbounded answers, and `Prefer`
 * values it must refuse cleanly, through the real gateway and the real mock server in its own
 * process (a frozen one must not freeze the test). Each case checks the answer and its size, and
 * that another API is answered beside it, never how long either took.
 */
const response = (schema: string): string =>
  `      responses:\n        '200': { description: ok, content: { application/json: { schema: ${schema} } } }\n`;
const hostileDocument = `openapi: 3.1.0
info: { title: Hostile, version: 1.0.0 }
paths:
  /big-array:
    get:
${response('{ type: array, minItems: 5000000, items: { type: string, minLength: 100 } }')}
  /wide-array:
    get:
${response('{ type: array, maxItems: 10000000, items: { type: integer } }')}
  /long-string:
    get:
${response('{ type: object, required: [s], properties: { s: { type: string, minLength: 200000000 } } }')}
  /many-properties:
    get:
${response('{ type: object, minProperties: 5000000, additionalProperties: { type: string } }')}
  /repetition:
    get:
${response("{ type: object, required: [s], properties: { s: { type: string, pattern: '^a{100000000}$' } } }")}
  /nested-arrays:
    get:
${response(`{ type: array, minItems: 40, items: { type: array, minItems: 40, items: { type: array, minItems: 40, items: { type: array, minItems: 40, items: { type: array, minItems: 40, items: { type: string, minLength: 40 } } } } } }`)}
  /recursive:
    get:
${response("{ $ref: '#/components/schemas/Node' }")}
  /formats:
    get:
${response('{ type: array, minItems: 100000, items: { type: object, required: [a, b, c, d], properties: { a: { type: string, format: email }, b: { type: string, format: uri }, c: { type: string, format: date-time }, d: { type: string, format: ipv6 } } } }')}
  /prefer:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object }, example: { ok: true } } } }
        '404': { description: none, content: { application/json: { schema: { type: object }, example: { none: true } } } }
components:
  schemas:
    Node:
      type: object
      required: [a, b, c]
      properties:
        a: { $ref: '#/components/schemas/Node' }
        b: { $ref: '#/components/schemas/Node' }
        c: { type: array, minItems: 50, items: { $ref: '#/components/schemas/Node' } }
`;

/** Ten levels of ten properties: a tree of 10^10 nodes, too many for Prism's static sampler. */
const fanDocument = [
  'openapi: 3.1.0',
  'info: { title: Fan, version: 1.0.0 }',
  'paths:',
  '  /fan:',
  '    get:',
  response("{ $ref: '#/components/schemas/L0' }").trimEnd(),
  'components:',
  '  schemas:',
  ...Array.from({ length: 10 }, (_, level) => [
    `    L${String(level)}:`,
    level === 9 ? '      type: string' : '      type: object',
    ...(level === 9
      ? []
      : [
          '      properties:',
          ...Array.from(
            { length: 10 },
            (__, index) =>
              `        p${String(index)}: { $ref: '#/components/schemas/L${String(level + 1)}' }`,
          ),
        ]),
  ]).flat(),
  '',
].join('\n');

/** An enum of 300,000 values for a parameter, one of 50,000 for the answer (JSON, to load fast). */
const enumDocument = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Enum', version: '1.0.0' },
  paths: {
    '/pick': {
      get: {
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
              enum: Array.from({ length: 300_000 }, (_, i) => `v${String(i)}`),
            },
          },
        ],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'string',
                  enum: Array.from({ length: 50_000 }, (_, i) => `w${String(i)}`),
                },
              },
            },
          },
        },
      },
    },
  },
});

const otherDocument = `openapi: 3.1.0
info: { title: Other, version: 1.0.0 }
paths:
  /x:
    get:
${response('{ type: object }').replace('schema: { type: object } }', 'schema: { type: object }, example: { ok: true } }')}`;

let repo: HostileRepo;
let mock: MockProcess;
let sandbox: GatewaySandbox;
const keys = { hostile: '', fan: '', enum: '', other: '' };

before(async () => {
  repo = await createHostileRepo({
    'apis/hostile/openapi.yaml': hostileDocument,
    'apis/fan/openapi.yaml': fanDocument,
    'apis/enum/openapi.json': enumDocument,
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
  // The fan document is more than Prism's own preparation finishes: one second of CPU, not 30,
  // before the fallback that keeps its $refs.
  mock = await startMockProcess(snapshot, '/other/v1/x', { MOCK_PREPARE_CPU_MS: '1000' });
  await waitForEveryVersion(mock.url);
  sandbox = await startGatewaySandbox({ catalog: result.catalog, upstreamUrl: mock.url });
  keys.hostile = (await sandbox.issueKey({ application: 'Schémas', api: 'hostile' })).key;
  keys.fan = (await sandbox.issueKey({ application: 'Éventail', api: 'fan' })).key;
  keys.enum = (await sandbox.issueKey({ application: 'Liste', api: 'enum' })).key;
  keys.other = (await sandbox.issueKey({ application: 'Voisine', api: 'other' })).key;
});
after(async () => {
  await sandbox.close();
  await mock.stop();
  await repo.remove();
});

/** Waits until the mock server has prepared (or given up) every version. */
async function waitForEveryVersion(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/_mock/health`)).json()) as { loading: number };
    if (health.loading === 0) return;
    await sleep(100);
  }
}

interface Called {
  status: number;
  contentType: string;
  bytes: number;
  body: unknown;
}

/** Calls the gateway with the key of `api`; returns the status, the size and the parsed body. */
async function call(
  api: keyof typeof keys,
  path: string,
  headers: Record<string, string> = {},
): Promise<Called> {
  const answer = await fetch(`${sandbox.baseUrl}/${api}/v1${path}`, {
    headers: { ...headers, 'x-api-key': keys[api] },
  });
  const text = await answer.text();
  return {
    status: answer.status,
    contentType: answer.headers.get('content-type') ?? '',
    bytes: Buffer.byteLength(text),
    body: JSON.parse(text) as unknown,
  };
}

/** Sends the hostile call and, once it is on its way, a call to another API. */
async function callBeside(hostile: () => Promise<Called>): Promise<Called> {
  const [answer, other] = await Promise.all([hostile(), call('other', '/x')]);
  assert.equal(other.status, 200, 'another API answers beside the hostile call');
  return answer;
}

/** A generated answer is at most this large: the bounds keep it far below. */
const answerBytesBound = 1024 * 1024;

function asRecord(value: unknown): Record<string, unknown> {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value));
  return value as Record<string, unknown>;
}

describe('a generated answer is bounded, and never holds the mock server', () => {
  for (const prefer of ['dynamic=true', 'dynamic=false']) {
    test(`minItems 5,000,000 of minLength 100 strings (${prefer}) gets an array of valid strings`, async () => {
      const answer = await callBeside(() => call('hostile', '/big-array', { prefer }));
      assert.equal(answer.status, 200);
      assert.ok(answer.bytes < answerBytesBound);
      assert.ok(Array.isArray(answer.body));
      const items = answer.body as unknown[];
      assert.ok(items.length >= 1 && items.length <= generationLimits.items);
      for (const item of items) assert.ok(typeof item === 'string' && item.length >= 100);
    });

    test(`minLength 200,000,000 (${prefer}) gets a bounded string`, async () => {
      const answer = await callBeside(() => call('hostile', '/long-string', { prefer }));
      assert.equal(answer.status, 200);
      assert.ok(answer.bytes < answerBytesBound);
      const text = asRecord(answer.body).s;
      assert.ok(typeof text === 'string' && text.length <= generationLimits.length);
    });
  }

  test('maxItems 10,000,000 gets a bounded array', async () => {
    const answer = await callBeside(() =>
      call('hostile', '/wide-array', { prefer: 'dynamic=true' }),
    );
    assert.equal(answer.status, 200);
    assert.ok(Array.isArray(answer.body) && answer.body.length <= generationLimits.items);
  });

  test('minProperties 5,000,000 gets a bounded object', async () => {
    const answer = await callBeside(() =>
      call('hostile', '/many-properties', { prefer: 'dynamic=true' }),
    );
    assert.equal(answer.status, 200);
    // Prism's generator adds a few past `maxProperties` to fill `additionalProperties`.
    assert.ok(Object.keys(asRecord(answer.body)).length <= 2 * generationLimits.properties);
  });

  test("a pattern without maxLength repeating 100,000,000 times ('a{100000000}') gets a bounded string", async () => {
    const answer = await callBeside(() =>
      call('hostile', '/repetition', { prefer: 'dynamic=true' }),
    );
    assert.equal(answer.status, 200);
    const text = asRecord(answer.body).s;
    assert.ok(typeof text === 'string' && /^a+$/.test(text));
    assert.ok(text.length <= generationLimits.repetition);
  });

  test('five nested arrays of 40 get a bounded answer or a problem naming the limit', async () => {
    const answer = await callBeside(() =>
      call('hostile', '/nested-arrays', { prefer: 'dynamic=true' }),
    );
    assertBoundedOrTooLarge(answer);
  });

  test('a schema requiring itself three times under dynamic generation is bounded', async () => {
    const answer = await callBeside(() =>
      call('hostile', '/recursive', { prefer: 'dynamic=true' }),
    );
    assertBoundedOrTooLarge(answer);
  });

  test('100,000 objects of faker formats get a bounded array', async () => {
    const answer = await callBeside(() => call('hostile', '/formats', { prefer: 'dynamic=true' }));
    assert.equal(answer.status, 200);
    assert.ok(Array.isArray(answer.body) && answer.body.length <= generationLimits.items);
  });

  test("a schema too large for Prism's static sampler is answered from the schema, the same each time", async () => {
    const first = await callBeside(() => call('fan', '/fan'));
    assert.equal(first.status, 200);
    assert.ok(first.bytes < answerBytesBound);
    assert.ok(typeof asRecord(first.body).p0 === 'object');
    assert.deepEqual((await call('fan', '/fan')).body, first.body);
  });
});

describe('an enum of 300,000 values is prepared and answered', () => {
  for (const prefer of ['dynamic=true', 'dynamic=false']) {
    test(`a value of it is accepted and one of the answer's is sent (${prefer})`, async () => {
      const answer = await callBeside(() => call('enum', '/pick?q=v299999', { prefer }));
      assert.equal(answer.status, 200);
      assert.ok(typeof answer.body === 'string' && /^w\d+$/.test(answer.body));
    });
  }

  test('a value outside it gets its violation', async () => {
    const answer = await callBeside(() => call('enum', '/pick?q=nope'));
    assert.equal(answer.status, 422);
  });
});

function assertBoundedOrTooLarge(answer: Called): void {
  if (answer.status === 200) {
    assert.ok(answer.bytes < answerBytesBound);
    return;
  }
  assert.equal(answer.status, 500);
  assert.equal(answer.contentType, 'application/problem+json');
  const body = asRecord(answer.body);
  assert.equal(body.type, '/problems/answer-too-large');
  assert.match(String(body.detail), /trop grosse à générer/);
}

describe('a Prefer header the mock server cannot read gets a clean 400', () => {
  for (const value of ['code=abc', 'code=', 'code=12345678901234567890', 'dynamic=maybe']) {
    test(`Prefer: ${value}`, async () => {
      const answer = await callBeside(() => call('hostile', '/prefer', { prefer: value }));
      assert.equal(answer.status, 400);
      assert.equal(answer.contentType, 'application/problem+json');
      const body = asRecord(answer.body);
      assert.equal(body.type, '/problems/invalid-prefer-header');
      const detail = String(body.detail);
      assert.match(detail, /Prefer/);
      assert.match(detail, /code=<statut>/);
      // Nothing of Prism's decoder (io-ts) reaches the partner.
      assert.doesNotMatch(detail, /optional property|cannot decode|└─|should be/);
    });
  }

  test('Prefer: code=999 and an unknown example name get 404 naming what exists', async () => {
    for (const value of ['code=999', 'example=nowhere']) {
      const answer = await callBeside(() => call('hostile', '/prefer', { prefer: value }));
      assert.equal(answer.status, 404, value);
      assert.equal(asRecord(answer.body).type, '/problems/preference-unavailable');
    }
  });
});
