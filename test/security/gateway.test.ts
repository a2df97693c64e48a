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

const portalOrigin = 'http://127.0.0.1:4321';
/** The restricted fixture APIs, and the versions each has. */
const restrictedIds = ['annuaire-partenaires', 'registre-interne'];
/** A key-shaped value no store knows. */
const strangerKey = `gk_${'Q'.repeat(32)}`;

let catalog: Catalog;
let mock: RunningMockServer;

before(async () => {
  catalog = await loadGatewayFixtureCatalog();
  mock = await startFixtureMockServer(catalog);
});
after(async () => {
  await mock.close();
});

/** An id of the same length that names no API: its answers are what a restricted id must get. */
function toUnknownTwin(id: string): string {
  return `${id.slice(0, -1)}${id.endsWith('x') ? 'y' : 'x'}`;
}

/** A request as sent on the wire: its path is not normalised, unlike `fetch`'s. */
interface RawRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Sends one request with `node:http` and reads the whole answer. */
function send(
  baseUrl: string,
  request: RawRequest,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(baseUrl);
    const outgoing = httpRequest(
      {
        hostname: hostname.replace(/^\[|\]$/g, ''),
        port,
        path: request.path,
        method: request.method ?? 'GET',
        headers: request.headers ?? {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * An answer as a stranger compares it: status, headers and body, less what differs on every
 * request (the request id, which is also the problem's `instance`, and the date), with the id
 * asked about written `<id>`.
 */
function toComparable(
  answer: { status: number; headers: IncomingHttpHeaders; body: string },
  id: string,
): string {
  const headers = Object.entries(answer.headers)
    .filter(([name]) => name !== 'x-request-id' && name !== 'date')
    .map(([name, value]) => `${name}: ${String(value)}`)
    .sort();
  const body = answer.body.replace(/"instance":"[^"]*"/, '"instance":"(request id)"');
  return [String(answer.status), ...headers, '', body].join('\n').replaceAll(id, '<id>');
}

describe('a public sandbox says nothing of a restricted API to whoever holds no key to it', () => {
  let sandbox: GatewaySandbox;
  /** Who asks: nobody in particular, a made-up key, a real key for a public API. */
  let callers: { name: string; headers: Record<string, string> }[];

  before(async () => {
    sandbox = await startGatewaySandbox({
      catalog,
      upstreamUrl: mock.url,
      options: {
        audience: 'public',
        maxBodyBytes: 1_024,
        trialKeysPerHour: 1_000,
        corsOrigins: [portalOrigin],
      },
    });
    const { key } = await sandbox.issueKey({ application: 'Appli ouverte', api: 'guichet-ouvert' });
    callers = [
      { name: 'no key', headers: {} },
      { name: 'an unknown key', headers: { 'x-api-key': strangerKey } },
      { name: 'a key for another API', headers: { 'x-api-key': key } },
      {
        name: 'the portal, with a key for another API',
        headers: { 'x-api-key': key, origin: portalOrigin },
      },
    ];
  });
  after(async () => {
    await sandbox.close();
  });

  /** Asks the same thing of each restricted id and of its unknown twin, as each caller. */
  async function assertConcealed(toRequest: (id: string) => RawRequest): Promise<void> {
    for (const id of restrictedIds) {
      const twin = toUnknownTwin(id);
      for (const caller of callers) {
        const answers: string[] = [];
        for (const asked of [id, twin]) {
          const request = toRequest(asked);
          const answer = await send(sandbox.baseUrl, {
            ...request,
            headers: { ...caller.headers, ...request.headers },
          });
          answers.push(toComparable(answer, asked));
        }
        assert.equal(answers[0], answers[1], `${id} as ${caller.name}`);
      }
    }
  }

  test('an operation of the current version (GET /<id>/<version>/<path>)', async () => {
    await assertConcealed((id) => ({
      path: `/${id}/${id === 'registre-interne' ? 'v1/entrees' : 'v2/agents'}?page=1`,
    }));
  });

  test('an unknown version (GET /<id>/v9/agents)', async () => {
    await assertConcealed((id) => ({ path: `/${id}/v9/agents` }));
  });

  test('the API alone (GET /<id>, /<id>/ and /<id>?x)', async () => {
    await assertConcealed((id) => ({ path: `/${id}` }));
    await assertConcealed((id) => ({ path: `/${id}/` }));
    await assertConcealed((id) => ({ path: `/${id}?versions` }));
  });

  test('a deprecated version, whose answers would carry Deprecation and Sunset', async () => {
    await assertConcealed((id) => ({ path: `/${id}/v1/agents` }));
  });

  test('a retired version, which would answer 410 with its sunset date', async () => {
    await assertConcealed((id) => ({ path: `/${id}/v0/agents` }));
  });

  test('a body over the size limit (POST /<id>/v2/agents)', async () => {
    await assertConcealed((id) => ({
      path: `/${id}/v2/agents`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(2_048) }),
    }));
  });

  test('HEAD and a plain OPTIONS on the API path', async () => {
    await assertConcealed((id) => ({ path: `/${id}/v2/agents`, method: 'HEAD' }));
    await assertConcealed((id) => ({ path: `/${id}/v2/agents`, method: 'OPTIONS' }));
  });

  test('CORS preflights, from the portal and from another origin', async () => {
    for (const origin of [portalOrigin, 'https://elsewhere.example']) {
      await assertConcealed((id) => ({
        path: `/${id}/v2/agents`,
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'x-api-key',
        },
      }));
    }
  });

  test('a trial-key request for the API (POST /_guichet/trial-keys)', async () => {
    await assertConcealed((id) => ({
      path: '/_guichet/trial-keys',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        application: 'Curieux',
        email: 'curieux@example.org',
        api: id,
        acceptTerms: true,
      }),
    }));
  });

  test('dot segments that leave the API, or enter it from a public one', async () => {
    await assertConcealed((id) => ({ path: `/${id}/v2/../../guichet-ouvert/v1/demarches` }));
    await assertConcealed((id) => ({
      path: `/${id}/v2/%2e%2e/%2e%2e/guichet-ouvert/v1/demarches`,
    }));
    await assertConcealed((id) => ({ path: `/guichet-ouvert/v1/../../${id}/v2/agents` }));
    await assertConcealed((id) => ({ path: `/guichet-ouvert/v1/%2e%2e/%2e%2e/${id}/v2/agents` }));
  });

  test("the problem types' redirects and the gateway's own endpoints", async () => {
    await assertConcealed((id) => ({ path: `/problems/${id}` }));
    await assertConcealed((id) => ({ path: `/_guichet/health?api=${id}` }));
    await assertConcealed((id) => ({ path: `/_guichet/${id}` }));
  });
});

describe('a trial-key request never joins the account of the application it names', () => {
  let sandbox: GatewaySandbox;

  before(async () => {
    // An internal deployment: the partners API gives pending keys an administrator approves.
    sandbox = await startGatewaySandbox({
      catalog,
      upstreamUrl: mock.url,
      options: { audience: 'internal', trialKeysPerHour: 1_000 },
    });
  });
  after(async () => {
    await sandbox.close();
  });

  const askForKey = async (application: string, email: string): Promise<Response> =>
    fetch(`${sandbox.baseUrl}/_guichet/trial-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ application, email, api: 'annuaire-partenaires', acceptTerms: true }),
    });
  const listConsumers = async (): Promise<
    { id: string; application: string; keys: string[] }[]
  > => {
    const response = await fetch(`${sandbox.adminUrl}/consumers`, {
      headers: { authorization: `Bearer ${sandbox.gateway.adminToken}` },
    });
    return (
      (await response.json()) as {
        consumers: { id: string; application: string; keys: string[] }[];
      }
    ).consumers;
  };

  test("a stranger naming a partner's application and email gets a consumer of its own", async () => {
    const partner = await sandbox.issueKey({
      application: 'Portail RH',
      email: 'rh@example.org',
      api: 'annuaire-partenaires',
    });
    const response = await askForKey('Portail RH', 'rh@example.org');
    assert.equal(response.status, 201);
    const stranger = (await response.json()) as {
      consumerId: string;
      prefix: string;
      status: string;
    };
    assert.equal(stranger.status, 'pending');
    assert.notEqual(stranger.consumerId, partner.consumerId);
    const consumers = await listConsumers();
    const partnerKeys = consumers.find((consumer) => consumer.id === partner.consumerId)?.keys;
    assert.equal(partnerKeys?.length, 1);
    assert.ok(!partnerKeys.includes(stranger.prefix));
    assert.equal(consumers.filter((consumer) => consumer.application === 'Portail RH').length, 2);
  });

  test('two requests with the same application and email make two consumers', async () => {
    const first = (await (await askForKey('Appli jumelle', 'j@example.org')).json()) as {
      consumerId: string;
    };
    const second = (await (await askForKey('Appli jumelle', 'j@example.org')).json()) as {
      consumerId: string;
    };
    assert.notEqual(first.consumerId, second.consumerId);
  });

  test("a stranger's consumer made first is not where an administrator's key lands later", async () => {
    const stranger = (await (await askForKey('Portail Paie', 'paie@example.org')).json()) as {
      consumerId: string;
    };
    const partner = await sandbox.issueKey({
      application: 'Portail Paie',
      email: 'paie@example.org',
      api: 'annuaire-partenaires',
    });
    assert.notEqual(partner.consumerId, stranger.consumerId);
  });
});

describe('the trial-key limit counts an IPv6 client by its /64', () => {
  let sandbox: GatewaySandbox;
  /** The address the next connection is said to come from. */
  let peer = '';

  before(async () => {
    // This machine has one IPv6 address (::1), a subscriber line a whole /64: the real gateway
    // listens on ::1, and each accepted socket is given the address of the client it stands for.
    sandbox = await startGatewaySandbox({
      catalog,
      upstreamUrl: mock.url,
      host: '::1',
      options: { trialKeysPerHour: 3 },
      onConnection: (socket) => {
        Object.defineProperty(socket, 'remoteAddress', { value: peer, configurable: true });
      },
    });
  });
  after(async () => {
    await sandbox.close();
  });

  const askFrom = async (address: string): Promise<number> => {
    peer = address;
    const answer = await send(sandbox.baseUrl, {
      path: '/_guichet/trial-keys',
      method: 'POST',
      // One connection a request, so each is accepted with its own address.
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({
        application: 'Rotation',
        email: 'rotation@example.org',
        api: 'guichet-ouvert',
        acceptTerms: true,
      }),
    });
    return answer.status;
  };

  test('a new address of the same /64 for each request does not earn more keys', async () => {
    const statuses = [];
    for (const address of [
      '2001:db8:1:2::1',
      '2001:db8:1:2::2',
      '2001:db8:1:2:8000::3',
      '2001:db8:1:2:ffff:ffff:ffff:fffe',
      '2001:db8:1:2:1234:5678:9abc:def0',
    ]) {
      statuses.push(await askFrom(address));
    }
    assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
    // Another /64 is another client.
    assert.equal(await askFrom('2001:db8:1:3::1'), 201);
  });
});

describe('no key reaches the access log, wherever a client puts it', () => {
  let sandbox: GatewaySandbox;

  before(async () => {
    sandbox = await startGatewaySandbox({ catalog, upstreamUrl: mock.url });
  });
  after(async () => {
    await sandbox.close();
  });

  /** A real key for the public fixture API, new for each case. */
  const issueKey = async (): Promise<string> =>
    (await sandbox.issueKey({ application: 'Journal', api: 'guichet-ouvert' })).key;

  /** Every character percent-encoded, as some client libraries write path segments. */
  const encodeAll = (text: string, hex: (code: string) => string = (code) => code): string =>
    text.replace(/./gs, (char) => `%${hex(char.charCodeAt(0).toString(16).toUpperCase())}`);

  /** Undoes percent-encoding until nothing changes, as a curious reader of the log would. */
  const decodeFully = (text: string): string => {
    let current = text;
    for (;;) {
      const next = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
      if (next === current) return current;
      current = next;
    }
  };

  /** Sends each path with the key in X-Api-Key, then reads the log for any form of the key. */
  async function assertNotLogged(
    key: string,
    requests: { path: string; headers?: Record<string, string> }[],
  ): Promise<void> {
    for (const request of requests) {
      await send(sandbox.baseUrl, {
        path: request.path,
        headers: { 'x-api-key': key, ...request.headers },
      });
    }
    const log = sandbox.readAccessLog();
    assert.ok(log.split('\n').length > requests.length, 'each request has its line');
    // The secret part (after the display prefix), in any spelling a decoder would read back.
    for (const text of [log, decodeFully(log), decodeFully(log).toLowerCase()]) {
      assert.ok(!text.includes(key.slice(11)), `the key is in the log:\n${log}`);
      assert.ok(!text.includes(key.slice(11).toLowerCase()), `the key is in the log:\n${log}`);
    }
  }

  test('X-Request-ID holding the key, alone or inside a longer id', async () => {
    const key = await issueKey();
    for (const id of [key, `trace-${key}-1`]) {
      const answer = await send(sandbox.baseUrl, {
        path: '/guichet-ouvert/v1/demarches',
        headers: { 'x-api-key': key, 'x-request-id': id },
      });
      assert.equal(answer.status, 200);
      // Replaced by a new id, as an id of the wrong shape is: not echoed, not forwarded.
      assert.ok(!String(answer.headers['x-request-id']).includes(key.slice(3)));
    }
    await assertNotLogged(key, [
      { path: '/guichet-ouvert/v1/demarches', headers: { 'x-request-id': key } },
      { path: '/nowhere', headers: { 'x-request-id': `id-${key}` } },
    ]);
  });

  test('the key in the path as it is', async () => {
    const key = await issueKey();
    await assertNotLogged(key, [
      { path: `/guichet-ouvert/v1/demarches/${key}` },
      { path: `/guichet-ouvert/v1/${key}/x` },
    ]);
  });

  test('the key in the path percent-encoded whole, in upper- and lowercase hex', async () => {
    const key = await issueKey();
    await assertNotLogged(key, [
      { path: `/guichet-ouvert/v1/demarches/${encodeAll(key)}` },
      { path: `/guichet-ouvert/v1/demarches/${encodeAll(key, (hex) => hex.toLowerCase())}` },
    ]);
  });

  test('the key in the path with only its marker encoded (%67k_…, gk%5F…)', async () => {
    const key = await issueKey();
    await assertNotLogged(key, [
      { path: `/guichet-ouvert/v1/demarches/%67${key.slice(1)}` },
      { path: `/guichet-ouvert/v1/demarches/gk%5F${key.slice(3)}` },
      { path: `/guichet-ouvert/v1/demarches/%67%6b%5f${key.slice(3)}` },
      {
        path: `/guichet-ouvert/v1/demarches/id=${key.slice(0, 11)}%${key.charCodeAt(11).toString(16)}${key.slice(12)}`,
      },
    ]);
  });

  test('the key in the path encoded twice (%2567k_…)', async () => {
    const key = await issueKey();
    await assertNotLogged(key, [
      { path: `/guichet-ouvert/v1/demarches/%2567${key.slice(1)}` },
      { path: `/guichet-ouvert/v1/demarches/${encodeAll(encodeAll(key))}` },
    ]);
  });

  test('the key in the query string, as it is or encoded', async () => {
    const key = await issueKey();
    await assertNotLogged(key, [
      { path: `/guichet-ouvert/v1/demarches?apikey=${key}` },
      { path: `/guichet-ouvert/v1/demarches?x=1&key=${encodeAll(key)}` },
      { path: `/guichet-ouvert/v1/demarches%3Fapikey=${key}` },
    ]);
  });

  test("the key as the API id, or in the gateway's own and problem-type paths", async () => {
    const key = await issueKey();
    await assertNotLogged(key, [
      { path: `/${key}/v1/demarches` },
      { path: `/${encodeAll(key)}` },
      { path: `/_guichet/${key}` },
      { path: `/problems/${encodeAll(key)}` },
    ]);
  });

  test('the key after a ; or a # in the path', async () => {
    const key = await issueKey();
    await assertNotLogged(key, [
      { path: `/guichet-ouvert/v1/demarches;key=${key}` },
      { path: `/guichet-ouvert/v1/demarches#${key}` },
      { path: `/guichet-ouvert/v1/demarches;k=${encodeAll(key)}` },
    ]);
  });
});
