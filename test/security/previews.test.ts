import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { previewFiles } from '../../scripts/lib/previews/preview-manifest.ts';
import {
  startCountedMockServer,
  startDecoy,
  startPreviewsFixture,
  type CountedMockServer,
  type Decoy,
  type PreviewsFixture,
} from './helpers/previews-fixture.ts';
import { sendRawRequest, type RawAnswer } from './helpers/send-raw-request.ts';

/** What a reviewer's browser sends with every call: none of it may leave the preview's gateway. */
const credentials = { authorization: 'Bearer secret-token', cookie: 'session=secret-cookie' };

// In French, the previews server's own language when the request names none.
const leftSandbox =
  'Le chemin après /main/_sandbox doit rester dans le bac à sable de cette prévisualisation : ni segment vide (//), ni barre oblique inverse, ni segment « . » ou « .. », écrits tels quels ou encodés en pourcentage.';

let previews: PreviewsFixture;
let decoy: Decoy;
let mock: CountedMockServer;
/** The other preview's admin API (`/keys`) and its token: what a leak would hand out. */
let otherAdminPort: number;
let otherAdminToken: string;

before(async () => {
  previews = await startPreviewsFixture(['main', 'feature-x']);
  decoy = await startDecoy();
  mock = await startCountedMockServer(previews.catalog);
  // Start the other preview's sandbox, as a reviewer of that branch would.
  const started = await sendRawRequest(previews.port, 'GET /feature-x/_sandbox/ HTTP/1.1');
  assert.equal(started.status, 404);
  const line = previews.logs.find((logged) => logged.startsWith('feature-x: sandbox started'));
  otherAdminPort = Number(/admin http:\/\/127\.0\.0\.1:(\d+)/.exec(line ?? '')?.[1]);
  assert.ok(otherAdminPort > 0, `no admin port in ${String(line)}`);
  otherAdminToken = (
    await readFile(
      join(previews.previewsDir, 'feature-x', previewFiles.sandboxData, 'admin-token'),
      'utf8',
    )
  ).trim();
});

after(async () => {
  await mock.close();
  await decoy.close();
  await previews.close();
});

/** Sends `GET <target>` with the reviewer's credentials, then checks no other port was reached. */
async function get(target: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return send(`GET ${target} HTTP/1.1`, headers);
}

/** Sends a request line with the reviewer's credentials; fails if it reached another port. */
async function send(requestLine: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const before = { connections: decoy.connections, received: decoy.received.length };
  const mockRequests = mock.requests;
  const answer = await sendRawRequest(previews.port, requestLine, { ...credentials, ...headers });
  assert.equal(decoy.connections - before.connections, 0, 'another local port was reached');
  assert.equal(decoy.received.slice(before.received), '', 'another local port got the request');
  assert.equal(mock.requests - mockRequests, 0, 'the mock server was reached without the gateway');
  return answer;
}

/** The previews server's own refusal of a sandbox path that leaves the sandbox. */
function assertLeftSandbox(answer: RawAnswer): void {
  assert.equal(answer.status, 404, answer.body);
  assert.equal(answer.headers['content-type'], 'application/problem+json');
  const problem = JSON.parse(answer.body) as { type: string; detail: string };
  assert.equal(problem.type, '/problems/not-found');
  assert.equal(problem.detail, leftSandbox);
}

describe('the previews server sends a preview’s sandbox path to that preview’s gateway only', () => {
  test('//host:port (the mock server, a partners-only API without a key)', async () => {
    assertLeftSandbox(
      await get(`/main/_sandbox//127.0.0.1:${String(mock.port)}/staff-lookup/v1/agents/A1234`),
    );
  });

  test('//host:port (another local port)', async () => {
    assertLeftSandbox(await get(`/main/_sandbox//127.0.0.1:${String(decoy.port)}/x`));
  });

  test('//host:port (another preview’s admin API, with its token)', async () => {
    assertLeftSandbox(
      await get(`/main/_sandbox//127.0.0.1:${String(otherAdminPort)}/keys`, {
        authorization: `Bearer ${otherAdminToken}`,
      }),
    );
  });

  test('/\\host:port (a backslash, which URL parsers read as a slash)', async () => {
    assertLeftSandbox(await get(`/main/_sandbox/\\127.0.0.1:${String(decoy.port)}/x`));
  });

  test('/\\/host:port (a backslash then a slash)', async () => {
    assertLeftSandbox(await get(`/main/_sandbox/\\/127.0.0.1:${String(decoy.port)}/x`));
  });

  test('//user:password@host:port (credentials before the host)', async () => {
    assertLeftSandbox(await get(`/main/_sandbox//reviewer:pw@127.0.0.1:${String(decoy.port)}/x`));
  });

  test('/@host:port (an @ at the start of the path) stays a path of the gateway', async () => {
    const answer = await get(`/main/_sandbox/@127.0.0.1:${String(decoy.port)}/x`);
    assert.equal(answer.status, 404);
    assert.equal((JSON.parse(answer.body) as { type: string }).type, '/problems/unknown-api');
  });

  test('%2F%2Fhost:port (encoded slashes)', async () => {
    assertLeftSandbox(await get(`/main/_sandbox/%2F%2F127.0.0.1:${String(decoy.port)}/x`));
  });

  test('/%2fhost:port (one encoded slash after a real one, lower case)', async () => {
    assertLeftSandbox(await get(`/main/_sandbox/%2f127.0.0.1:${String(decoy.port)}/x`));
  });

  test('%5Chost:port (an encoded backslash)', async () => {
    assertLeftSandbox(await get(`/main/_sandbox/%5C127.0.0.1:${String(decoy.port)}/x`));
  });

  test('/../ segments climbing out of the sandbox', async () => {
    assertLeftSandbox(await get('/main/_sandbox/../../feature-x/_sandbox/_guichet/health'));
  });

  test('/%2e%2e/ (encoded dot segments)', async () => {
    assertLeftSandbox(await get('/main/_sandbox/%2e%2e/%2E%2E/feature-x/_sandbox/'));
  });

  test('/http://host:port/ (an absolute URL as the path)', async () => {
    assertLeftSandbox(await get(`/main/_sandbox/http://127.0.0.1:${String(decoy.port)}/x`));
  });

  test('an absolute-form request target naming another port', async () => {
    const answer = await get(`http://127.0.0.1:${String(decoy.port)}/x`);
    // This server serves itself only: a target naming another host is refused, never proxied.
    assert.equal(answer.status, 400);
    assert.equal((JSON.parse(answer.body) as { type: string }).type, '/problems/bad-request');
  });

  test('an absolute-form request target whose path leaves the sandbox', async () => {
    assertLeftSandbox(
      await get(
        `http://127.0.0.1:${String(previews.port)}/main/_sandbox//127.0.0.1:${String(decoy.port)}/x`,
      ),
    );
  });

  test('an absolute-form request target with credentials before the host', async () => {
    const answer = await get(
      `http://127.0.0.1:${String(previews.port)}@127.0.0.1:${String(decoy.port)}/main/_sandbox/`,
    );
    assert.equal(answer.status, 400);
    assert.equal((JSON.parse(answer.body) as { type: string }).type, '/problems/bad-request');
  });

  test('an asterisk-form request target (OPTIONS *)', async () => {
    const answer = await send('OPTIONS * HTTP/1.1');
    assert.equal(answer.status, 400);
  });

  test('CONNECT host:port (a tunnel to another port)', async () => {
    const answer = await send(`CONNECT 127.0.0.1:${String(decoy.port)} HTTP/1.1`);
    assert.notEqual(answer.status, 200);
  });

  test('a plain call reaches the preview’s own gateway, credentials included', async () => {
    const answer = await get('/main/_sandbox/postal-codes/v1/communes?codePostal=69001', {
      'x-api-key': 'gk_not-a-key',
    });
    // The gateway itself answers: it knows no such key.
    assert.equal(answer.status, 401, answer.body);
    assert.equal((JSON.parse(answer.body) as { type: string }).type, '/problems/unknown-key');
    assert.ok(previews.logs.some((line) => line.startsWith('main: sandbox started')));
  });
});
