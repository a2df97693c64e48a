import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRealMockServer, type RealMockServer } from './helpers/start-real-mock-server.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

/** `annuaire-agents` is a partners API, `colis` a public one (see fixtures/apis). */
describe("the deployment's audience decides who learns of a restricted API", () => {
  let mock: RealMockServer;

  before(async () => {
    mock = await startRealMockServer();
  });
  after(async () => {
    await mock.close();
  });

  const askForKey = (test: TestGateway, api: string, headers: Record<string, string> = {}) =>
    fetch(`${test.baseUrl}/_guichet/trial-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        application: 'Partenaire',
        email: 'p@example.org',
        api,
        acceptTerms: true,
      }),
    });
  const typeOf = async (response: Response): Promise<string> =>
    ((await response.json()) as { type: string }).type;

  describe('a public deployment', () => {
    let test: TestGateway;

    before(async () => {
      test = await startTestGateway(mock.url, { audience: 'public' });
    });
    after(async () => {
      await test.close();
    });

    it('answers a key an administrator subscribed to the API as usual, refusals included', async () => {
      const partner = await issueKey(test, { application: 'Portail RH', api: 'annuaire-agents' });
      const call = (path: string): Promise<Response> =>
        fetch(`${test.baseUrl}${path}`, { headers: { 'x-api-key': partner.key } });
      const agents = await call('/annuaire-agents/v1/agents');
      assert.equal(agents.status, 200);
      assert.deepEqual(await agents.json(), [{ name: 'Paul Durand' }]);
      const version = await call('/annuaire-agents/v9/agents');
      assert.equal(version.status, 404);
      assert.equal(await typeOf(version), '/problems/unknown-version');

      await fetch(`${test.adminUrl}/keys/${partner.keyId}/revoke`, {
        method: 'POST',
        headers: test.admin,
      });
      // Revoked, the key still names its own subscription: the partner learns nothing new.
      assert.equal(
        await typeOf(await call('/annuaire-agents/v1/agents')),
        '/problems/subscription-revoked',
      );
    });

    it('answers a key for another API as if the API did not exist', async () => {
      const other = await issueKey(test, { application: 'Appli colis', api: 'colis' });
      const answer = await fetch(`${test.baseUrl}/annuaire-agents/v1/agents`, {
        headers: { 'x-api-key': other.key },
      });
      assert.equal(answer.status, 404);
      assert.equal(await typeOf(answer), '/problems/unknown-api');
    });

    it('gives no trial key for it, to anyone: a key for it is an administrator’s to give', async () => {
      const partner = await issueKey(test, { application: 'Portail RH', api: 'annuaire-agents' });
      for (const headers of [{}, { 'x-api-key': partner.key }]) {
        const refused = await askForKey(test, 'annuaire-agents', headers);
        assert.equal(refused.status, 400);
        assert.deepEqual(((await refused.json()) as { errors: unknown }).errors, [
          { pointer: '#/api', detail: 'ne nomme aucune API du bac à sable' },
        ]);
      }
      assert.equal((await askForKey(test, 'colis')).status, 201);
    });
  });

  describe('a partners deployment', () => {
    let test: TestGateway;

    before(async () => {
      test = await startTestGateway(mock.url, { audience: 'partners' });
    });
    after(async () => {
      await test.close();
    });

    it('gives a pending trial key for a partners API, which works once approved', async () => {
      const response = await askForKey(test, 'annuaire-agents');
      assert.equal(response.status, 201);
      const issued = (await response.json()) as { key: string; prefix: string; status: string };
      assert.equal(issued.status, 'pending');
      const call = (): Promise<Response> =>
        fetch(`${test.baseUrl}/annuaire-agents/v1/agents`, {
          headers: { 'x-api-key': issued.key },
        });
      assert.equal(await typeOf(await call()), '/problems/subscription-pending');
      await fetch(`${test.adminUrl}/keys/${issued.prefix}/approve`, {
        method: 'POST',
        headers: test.admin,
      });
      assert.equal((await call()).status, 200);
    });
  });
});
