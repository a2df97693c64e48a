/**
 * Requests that break HTTP/1.1 itself, sent byte for byte to the real previews server: each gets
 * an RFC 9457 problem from the sandbox's catalog — never Node's bare status line, text/plain, a
 * silent close or a tunnel — and an absolute-form target naming another host is refused, not
 * served as if it named this one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startPreviewsFixture, type PreviewsFixture } from './helpers/previews-fixture.ts';
import { assertProtocolProblem, protocolEdges } from './helpers/protocol-edges.ts';
import { sendRawBytes, toRawRequest } from './helpers/send-raw-bytes.ts';

let previews: PreviewsFixture;

before(async () => {
  previews = await startPreviewsFixture(['main']);
});
after(async () => {
  await previews.close();
});

describe('the previews server refuses a broken request with a problem', () => {
  for (const edge of protocolEdges) {
    test(edge.name, async () => {
      assertProtocolProblem(
        await sendRawBytes(previews.port, edge.request(previews.port)),
        edge.problem,
      );
    });
  }
});

describe('the previews server serves only its own host', () => {
  const get = (target: string): Promise<Awaited<ReturnType<typeof sendRawBytes>>> =>
    sendRawBytes(
      previews.port,
      toRawRequest([
        `GET ${target} HTTP/1.1`,
        `Host: 127.0.0.1:${String(previews.port)}`,
        'Connection: close',
      ]),
    );

  test('GET http://evil.example/main/ (absolute-form, another host)', async () => {
    assertProtocolProblem(await get('http://evil.example/main/'), 'badRequest');
  });

  test('GET http://127.0.0.1:<another port>/main/ (absolute-form, another port)', async () => {
    assertProtocolProblem(
      await get(`http://127.0.0.1:${String(previews.port + 1)}/main/`),
      'badRequest',
    );
  });

  test('GET http://user@evil.example/main/ (absolute-form, credentials and another host)', async () => {
    assertProtocolProblem(
      await get(`http://127.0.0.1:${String(previews.port)}@evil.example/main/`),
      'badRequest',
    );
  });

  test('absolute-form naming this server itself is still served', async () => {
    const answer = await get(`http://127.0.0.1:${String(previews.port)}/main/`);
    assert.equal(answer.status, 200, answer.body);
    assert.match(answer.body, /<p>main<\/p>/);
  });
});
