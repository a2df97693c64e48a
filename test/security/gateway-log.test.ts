/**
 * Key material a client puts where the access log writes it, with the key's `gk_` marker
 * altered or left out: through the real gateway and mock server, reading the real log file.
 * The presented key's secret part (what follows its display prefix) must appear nowhere in the
 * log, in any case, decoded or not; a request id that holds it is replaced, not echoed.
 */
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Catalog } from '../../catalog/index.ts';
import {
  loadGatewayFixtureCatalog,
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';

let catalog: Catalog;
let mock: RunningMockServer;
let sandbox: GatewaySandbox;

before(async () => {
  catalog = await loadGatewayFixtureCatalog();
  mock = await startFixtureMockServer(catalog);
  sandbox = await startGatewaySandbox({ catalog, upstreamUrl: mock.url });
});
after(async () => {
  await sandbox.close();
  await mock.close();
});

function send(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  const { hostname, port } = new URL(sandbox.baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ hostname, port, path, headers }, (response) => {
      response.resume();
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** A real key for the public fixture API, new for each case. */
async function issueKey(): Promise<string> {
  return (await sandbox.issueKey({ application: 'Journal', api: 'guichet-ouvert' })).key;
}

/** The key's secret: what follows `gk_` and the eight characters of its display prefix. */
const secretOf = (key: string): string => key.slice(11);

/** Undoes percent-encoding until nothing changes, as a curious reader of the log would. */
function decodeFully(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    if (next === current) return current;
    current = next;
  }
}

/** Fails if any twelve characters running of the secret are in the log, in any case. */
function assertSecretNotLogged(key: string): void {
  const log = decodeFully(sandbox.readAccessLog()).toLowerCase();
  const secret = secretOf(key).toLowerCase();
  for (let at = 0; at + 12 <= secret.length; at += 1) {
    assert.ok(!log.includes(secret.slice(at, at + 12)), `the key's secret is in the log:\n${log}`);
  }
}

/** Sends `id` as X-Request-ID with the key: the answer must not echo it, the log must not hold it. */
async function assertIdReplaced(key: string, id: string): Promise<void> {
  const answer = await send('/guichet-ouvert/v1/demarches', {
    'x-api-key': key,
    'x-request-id': id,
  });
  assert.equal(answer.status, 200);
  assert.notEqual(answer.headers['x-request-id'], id);
  assertSecretNotLogged(key);
}

describe('a request id holding the key with its marker altered or left out is replaced', () => {
  test('X-Request-ID: GK_<rest of the key> (marker in capitals)', async () => {
    const key = await issueKey();
    await assertIdReplaced(key, `GK_${key.slice(3)}`);
  });

  test('X-Request-ID: Gk_<rest of the key> (marker in mixed case)', async () => {
    const key = await issueKey();
    await assertIdReplaced(key, `Gk_${key.slice(3)}`);
  });

  test('X-Request-ID: the key without its marker', async () => {
    const key = await issueKey();
    await assertIdReplaced(key, key.slice(3));
  });

  test('X-Request-ID: the secret alone, without the display prefix', async () => {
    const key = await issueKey();
    await assertIdReplaced(key, secretOf(key));
  });

  test('X-Request-ID: the secret inside a longer id, in capitals', async () => {
    const key = await issueKey();
    await assertIdReplaced(key, `trace-${secretOf(key).toUpperCase()}-1`);
  });

  test('X-Request-ID: the token a client sends in Authorization', async () => {
    const token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJwYXJ0bmVyIn0.c2lnbmF0dXJl';
    const key = await issueKey();
    const answer = await send('/guichet-ouvert/v1/demarches', {
      'x-api-key': key,
      authorization: `Bearer ${token}`,
      'x-request-id': token.slice(0, 40),
    });
    assert.equal(answer.status, 200);
    assert.notEqual(answer.headers['x-request-id'], token.slice(0, 40));
    assert.ok(!sandbox.readAccessLog().includes(token.slice(0, 40)));
  });

  test('a well-formed id of the client’s own is kept', async () => {
    const key = await issueKey();
    const id = '3f2a9c1e-7b4d-4e8a-9f60-1c2d3e4f5a6b';
    const answer = await send('/guichet-ouvert/v1/demarches', {
      'x-api-key': key,
      'x-request-id': id,
    });
    assert.equal(answer.headers['x-request-id'], id);
  });
});

describe('the key in the path with its marker altered or left out is hidden in the log', () => {
  test('/<api>/v1/<the secret alone>', async () => {
    const key = await issueKey();
    await send(`/guichet-ouvert/v1/${secretOf(key)}`, { 'x-api-key': key });
    assertSecretNotLogged(key);
  });

  test('/guichet-ouvert/v1/<the key without its marker>/x', async () => {
    const key = await issueKey();
    await send(`/guichet-ouvert/v1/${key.slice(3)}/x`, { 'x-api-key': key });
    assertSecretNotLogged(key);
  });

  test('/guichet-ouvert/v1/GK_<rest> and gK_<rest> (marker in another case)', async () => {
    const key = await issueKey();
    await send(`/guichet-ouvert/v1/demarches/GK_${key.slice(3)}`, { 'x-api-key': key });
    await send(`/guichet-ouvert/v1/demarches/gK_${key.slice(3)}`, { 'x-api-key': key });
    assertSecretNotLogged(key);
  });

  test('the secret in capitals, percent-encoded, or as the API id', async () => {
    const key = await issueKey();
    const encoded = secretOf(key).replace(/./g, (char) => `%${char.charCodeAt(0).toString(16)}`);
    await send(`/guichet-ouvert/v1/demarches/${secretOf(key).toUpperCase()}`, { 'x-api-key': key });
    await send(`/guichet-ouvert/v1/demarches/${encoded}`, { 'x-api-key': key });
    await send(`/${secretOf(key)}/v1/demarches`, { 'x-api-key': key });
    assertSecretNotLogged(key);
  });

  test('another key of the same client, marker in capitals, without X-Api-Key', async () => {
    const key = await issueKey();
    await send(`/guichet-ouvert/v1/demarches/GK_${key.slice(3)}`, {});
    assertSecretNotLogged(key);
  });
});
