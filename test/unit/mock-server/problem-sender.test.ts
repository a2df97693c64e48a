import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { SandboxLanguage } from '../../../catalog/sandbox-languages.ts';
import { createProblemSender } from '../../../mock-server/problems/send-problem.ts';

/**
 * The mock server's problem sender is made once, at start, with the server's default language
 * (`GUICHET_LANGUAGE`): two servers of one process keep their own, and a request's
 * `Accept-Language` still chooses. Real servers on real sockets; `node:http` adds no
 * Accept-Language of its own.
 */
describe('the mock server’s problem sender', () => {
  const servers: Server[] = [];
  const ports: Partial<Record<SandboxLanguage, number>> = {};

  before(async () => {
    for (const language of ['en', 'fr'] as const) {
      const sendProblem = createProblemSender(language);
      const server = createServer((_request, response) => {
        sendProblem(response, 'unknownApi', { en: 'No API x.', fr: 'Aucune API x.' }, 'req-1');
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      servers.push(server);
      ports[language] = (server.address() as AddressInfo).port;
    }
  });
  after(() => {
    for (const server of servers) server.close();
  });

  function ask(
    port: number | undefined,
    headers: Record<string, string> = {},
  ): Promise<{ language: string | undefined; body: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port, path: '/x', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            language: response.headers['content-language'],
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
          });
        });
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  test('answers in the language it was made with when the request names none', async () => {
    const english = await ask(ports.en);
    assert.equal(english.language, 'en');
    assert.equal(english.body.title, 'Unknown API');
    assert.equal(english.body.detail, 'No API x.');
    const french = await ask(ports.fr);
    assert.equal(french.language, 'fr');
    assert.equal(french.body.title, 'API inconnue');
    assert.equal(french.body.instance, 'req-1');
  });

  test('answers in the language Accept-Language prefers, whatever its default', async () => {
    assert.equal((await ask(ports.en, { 'accept-language': 'fr-FR' })).body.title, 'API inconnue');
    assert.equal((await ask(ports.fr, { 'accept-language': 'en' })).body.title, 'Unknown API');
    assert.equal((await ask(ports.en, { 'accept-language': 'de' })).language, 'en');
  });
});
