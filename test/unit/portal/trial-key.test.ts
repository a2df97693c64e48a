import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { forgetKey, storedKeysName, storeKey } from '../../../site/scripts/sandbox-keys.ts';
import {
  parseIssuedKey,
  parseRefusal,
  requestTrialKey,
  toProblemPageUrl,
} from '../../../site/scripts/trial-key-client.ts';
import {
  checkFields,
  placeFieldProblems,
  toSentence,
} from '../../../site/scripts/trial-key-fields.ts';

/** A Storage-like map, as `localStorage` behaves. */
function createStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => {
      items.set(name, value);
    },
  };
}

describe('keys saved by the trial-key form', () => {
  test('are added beside the keys of other APIs, and forgotten one at a time', () => {
    const storage = createStorage({ [storedKeysName]: '{"tax":"gk_1"}' });
    assert.equal(storeKey(storage, 'registry', 'gk_2'), true);
    assert.equal(storage.getItem(storedKeysName), '{"tax":"gk_1","registry":"gk_2"}');
    assert.equal(forgetKey(storage, 'tax'), true);
    assert.equal(storage.getItem(storedKeysName), '{"registry":"gk_2"}');
  });

  test('report a storage that refuses instead of throwing', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    assert.equal(storeKey(full, 'tax', 'gk_1'), false);
    assert.equal(storeKey(undefined, 'tax', 'gk_1'), false);
  });
});

describe('the form’s own checks', () => {
  test('name each missing field, looser than the gateway on addresses', () => {
    assert.deepEqual(
      checkFields({ application: ' a ', email: 'nobody', acceptTerms: false }).map((m) => m.field),
      ['application', 'email', 'acceptTerms'],
    );
    assert.deepEqual(
      checkFields({ application: 'App', email: 'dev@localhost', acceptTerms: true }),
      [],
    );
  });

  test('place the gateway’s errors[] next to the field each names', () => {
    assert.deepEqual(
      placeFieldProblems([
        { pointer: '#/email', detail: 'must be an email address such as dev@example.org' },
        { pointer: '#/api', detail: 'names no API of the sandbox' },
        { pointer: '#', detail: 'is not valid JSON' },
      ]),
      {
        fields: [{ field: 'email', message: 'Must be an email address such as dev@example.org.' }],
        others: ['api names no API of the sandbox', 'The request is not valid JSON'],
      },
    );
    assert.equal(toSentence('is required'), 'Is required.');
    assert.equal(toSentence('Already a sentence!'), 'Already a sentence!');
  });
});

describe('the gateway’s answers', () => {
  test('a 201 body becomes a key only when it has every member shown', () => {
    assert.deepEqual(
      parseIssuedKey({
        key: 'gk_Ab3dEf9hXYZ',
        prefix: 'gk_Ab3dEf9h',
        status: 'pending',
        plan: 'free',
        api: 'tax',
      }),
      {
        key: 'gk_Ab3dEf9hXYZ',
        prefix: 'gk_Ab3dEf9h',
        client: undefined,
        status: 'pending',
        plan: 'free',
        api: 'tax',
      },
    );
    // The trial application's client comes with the key.
    assert.deepEqual(
      parseIssuedKey({
        key: 'gk_Ab3dEf9hXYZ',
        prefix: 'gk_Ab3dEf9h',
        clientId: 'gc_AbCdEfGhIjKlMnOp',
        clientSecret: 'gs_secret',
        status: 'active',
        plan: 'free',
        api: 'tax',
      })?.client,
      { clientId: 'gc_AbCdEfGhIjKlMnOp', clientSecret: 'gs_secret' },
    );
    assert.equal(
      parseIssuedKey({ key: 'other', status: 'active', plan: 'free', api: 'tax' }),
      undefined,
    );
    assert.equal(
      parseIssuedKey({ key: 'gk_1', status: 'gone', plan: 'free', api: 'tax' }),
      undefined,
    );
    assert.equal(parseIssuedKey('gk_1'), undefined);
  });

  test('a refusal keeps the problem’s members, and a body that is not one still reads', () => {
    assert.deepEqual(
      parseRefusal(429, {
        type: '/problems/too-many-trial-keys',
        title: 'Too many trial keys',
        detail: 'Retry in 60 s.',
        errors: [{ pointer: '#/email', detail: 'x' }, { pointer: 3 }, 'junk'],
      }),
      {
        status: 429,
        type: '/problems/too-many-trial-keys',
        title: 'Too many trial keys',
        detail: 'Retry in 60 s.',
        errors: [{ pointer: '#/email', detail: 'x' }],
      },
    );
    assert.deepEqual(parseRefusal(502, undefined), {
      status: 502,
      type: undefined,
      title: 'The sandbox answered with status 502',
      detail: undefined,
      errors: [],
    });
  });

  test('a problem type links to its page under the portal’s base path', () => {
    assert.equal(
      toProblemPageUrl('/problems/quota-exceeded', '/preview/x/problems/'),
      '/preview/x/problems/quota-exceeded/',
    );
    assert.equal(
      toProblemPageUrl('https://api.example.org/problems/x', '/problems/'),
      'https://api.example.org/problems/x',
    );
    for (const type of [undefined, '/problems/../admin', 'javascript:alert(1)', 'about:blank']) {
      assert.equal(toProblemPageUrl(type, '/problems/'), undefined);
    }
  });
});

describe('asking a real HTTP server for a key', () => {
  let server: Server;
  let base: string;
  const received: unknown[] = [];
  before(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const parsed = JSON.parse(body) as { application: string };
        received.push({ url: request.url, type: request.headers['content-type'], body: parsed });
        if (parsed.application === 'refused') {
          response.writeHead(400, { 'content-type': 'application/problem+json' });
          response.end(
            JSON.stringify({
              type: '/problems/invalid-request',
              title: 'Invalid request',
              status: 400,
            }),
          );
          return;
        }
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            key: 'gk_Ab3dEf9hRest',
            prefix: 'gk_Ab3dEf9h',
            status: 'active',
            plan: 'free',
            api: 'tax',
          }),
        );
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
  });
  after(() => {
    server.close();
  });

  const body = { application: 'App', email: 'dev@example.org', api: 'tax', acceptTerms: true };

  test('posts JSON to /_guichet/trial-keys and reads the key', async () => {
    const outcome = await requestTrialKey(body, { sandboxUrl: base });
    assert.equal(outcome.kind, 'issued');
    assert.deepEqual(received.at(-1), {
      url: '/_guichet/trial-keys',
      type: 'application/json',
      body,
    });
  });

  test('reads a refusal', async () => {
    const outcome = await requestTrialKey(
      { ...body, application: 'refused' },
      { sandboxUrl: base },
    );
    assert.equal(outcome.kind, 'refused');
    assert.equal(outcome.refusal.title, 'Invalid request');
  });

  test('says so when nothing listens at the address', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const outcome = await requestTrialKey(body, { sandboxUrl: `http://127.0.0.1:${String(port)}` });
    assert.deepEqual(outcome, { kind: 'unreachable' });
  });
});
