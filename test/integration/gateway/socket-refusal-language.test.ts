import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sendRawBytes, toRawRequest } from '../../security/helpers/send-raw-bytes.ts';
import { getFrom, openIdleSockets } from './helpers/open-idle-sockets.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

/**
 * The refusals a gateway answers on the socket itself — a connection past its address's share,
 * a `CONNECT` — are in its configured language (`GUICHET_LANGUAGE`, `defaultLanguage` here)
 * like every other refusal, not in guichet's French default: an English sandbox, real sockets.
 */
describe('refusals sent on the socket, in the sandbox’s language', () => {
  let upstream: EchoUpstream;
  let english: TestGateway;

  before(async () => {
    upstream = await startEchoUpstream();
    english = await startTestGateway(upstream.url, {
      defaultLanguage: 'en',
      maxConnectionsPerAddress: 2,
      headersTimeoutMs: 60_000,
    });
  });
  after(async () => {
    await english.close();
    await upstream.close();
  });

  it('refuses a connection past its address’s share in the sandbox’s language', async () => {
    const idle = await openIdleSockets(english.baseUrl, '127.0.0.5', 2);
    try {
      const refused = await getFrom(`${english.baseUrl}/colis/v2/parcels/AB1234`, '127.0.0.5');
      assert.ok('status' in refused, JSON.stringify(refused));
      assert.equal(refused.status, 429);
      const problem = JSON.parse(refused.body) as { type: string; title: string; detail: string };
      assert.equal(problem.type, '/problems/too-many-connections');
      assert.equal(problem.title, 'Too many connections');
      assert.match(problem.detail, /^This address holds 2 connections/);
    } finally {
      idle.destroy();
    }
  });

  for (const port of ['public', 'admin'] as const) {
    it(`answers CONNECT on the ${port} port in the sandbox’s language, or the one asked`, async () => {
      const url = new URL(port === 'public' ? english.baseUrl : english.adminUrl);
      const connect = (lines: string[]): ReturnType<typeof sendRawBytes> =>
        sendRawBytes(
          Number(url.port),
          toRawRequest(['CONNECT 127.0.0.1:443 HTTP/1.1', 'Host: 127.0.0.1:443', ...lines]),
        );
      const unasked = await connect([]);
      assert.equal(unasked.status, 405, unasked.body);
      assert.equal(unasked.headers['content-language'], 'en');
      assert.equal((JSON.parse(unasked.body) as { title: string }).title, 'Method not allowed');
      const french = await connect(['Accept-Language: fr']);
      assert.equal(french.status, 405, french.body);
      assert.equal(french.headers['content-language'], 'fr');
      assert.equal((JSON.parse(french.body) as { title: string }).title, 'Méthode non autorisée');
    });
  }
});
