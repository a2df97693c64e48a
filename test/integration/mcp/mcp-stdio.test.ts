import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { callTool, createTestClient } from './mcp-client.ts';

const root = join(import.meta.dirname, '..', '..', '..');

/** `npm run mcp` as an assistant starts it: a child process speaking MCP on stdio. */
function startStdioClient(env: Record<string, string>, args: string[] = []): Promise<Client> {
  const client = createTestClient();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(root, 'scripts', 'serve-mcp.ts'), ...args],
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'ignore',
  });
  // Three children load the catalog at once: on a loaded machine that outlasts the SDK's 60 s
  // default for the first request, so the handshake waits as long as it takes.
  return client.connect(transport, { timeout: 600_000 }).then(() => client);
}

describe('npm run mcp on stdio, over the sample catalog', () => {
  let publicClient: Client;
  let internalClient: Client;
  let frenchClient: Client;

  before(async () => {
    // The wording these tests read is English: they ask for it, as the sandbox is French.
    const english = { APIS_DIR: join(root, 'apis'), GUICHET_LANGUAGE: 'en' };
    [publicClient, internalClient, frenchClient] = await Promise.all([
      startStdioClient(english),
      startStdioClient(english, ['--audience', 'internal']),
      // No GUICHET_LANGUAGE, and no portal.yaml at the root: French, guichet's default.
      startStdioClient({ APIS_DIR: join(root, 'apis') }),
    ]);
  });
  after(async () => {
    await Promise.all([publicClient.close(), internalClient.close(), frenchClient.close()]);
  });

  it('refuses and says how to call in the sandbox’s language, French by default', async () => {
    const unknown = await callTool(frenchClient, 'list_versions', { api: 'aucune' });
    assert.equal(unknown.structured.type, '/problems/unknown-api');
    assert.equal(unknown.structured.title, 'API inconnue');
    assert.match(String(unknown.structured.detail), /^Aucune API n’a l’identifiant "aucune"/);
    const english = await callTool(publicClient, 'list_versions', { api: 'aucune' });
    assert.equal(english.structured.title, 'Unknown API');
    assert.match(String(english.structured.detail), /^No API has the id "aucune"/);
    const open = await callTool(frenchClient, 'describe_operation', {
      api: 'jours-feries',
      operation: 'listerTerritoires',
    });
    assert.match(open.text, /## Dans le bac à sable\n\nOuverte : aucun identifiant requis/);
    const keyed = await callTool(frenchClient, 'call_sandbox', {
      api: 'repertoire-entreprises',
      operation: 'consulterEntreprise',
      parameters: { siren: '123456789' },
    });
    assert.equal(keyed.structured.title, 'Clé d’abonnement requise');
    assert.match(String(keyed.structured.detail), /le paramètre de requête `apikey`/);
    assert.match(String(keyed.structured.detail), /Rien n’a été envoyé au bac à sable\.$/);
  });

  it('leaves the partners API out for the public audience, as the public build does', async () => {
    const ids = async (client: Client): Promise<string[]> =>
      (
        (await callTool(client, 'search_catalog', { query: '' })).structured.apis as {
          id: string;
        }[]
      ).map((api) => api.id);
    assert.ok(!(await ids(publicClient)).includes('civil-servant-directory'));
    assert.ok((await ids(internalClient)).includes('civil-servant-directory'));
    const hidden = await callTool(publicClient, 'list_versions', {
      api: 'civil-servant-directory',
    });
    assert.equal(hidden.structured.type, '/problems/unknown-api');
  });

  it('finds an operation by accent-free words and describes it with its security and scopes', async () => {
    const found = await callTool(publicClient, 'search_catalog', { query: 'creneaux' });
    assert.match(found.text, /`rendez-vous` `v1` `GET \/sites\/\{siteId\}\/creneaux`/);
    const described = await callTool(publicClient, 'describe_operation', {
      api: 'rendez-vous',
      operation: 'GET /motifs',
    });
    assert.match(
      described.text,
      /Security: `oauth2CodeAutorisation` \(OAuth 2: authorizationCode\) with scopes `rendez-vous:lecture`/,
    );
    // How an assistant calls it in the sandbox: the arguments call_sandbox takes, and the
    // sandbox's own token endpoint, which issues the same scopes by client credentials.
    assert.match(
      described.text,
      /## In the sandbox\n\n[^#]*`clientId` and `clientSecret`[^#]*`POST http:\/\/127\.0\.0\.1:8000\/oauth\/token`[^#]*scope `rendez-vous:lecture`[^#]*authorization code[^#]*`bearerToken`/,
    );
    assert.match(described.text, /`POST http:\/\/127\.0\.0\.1:8000\/_guichet\/trial-keys`/);
    const keyed = await callTool(publicClient, 'describe_operation', {
      api: 'repertoire-entreprises',
      operation: 'consulterEntreprise',
    });
    assert.match(keyed.text, /`apiKey`[^#]*`apikey` query parameter/);
    const open = await callTool(publicClient, 'describe_operation', {
      api: 'jours-feries',
      operation: 'listerTerritoires',
    });
    assert.match(open.text, /## In the sandbox\n\nOpen: no credentials/);
    assert.match(described.text, /Example `motifs`/);
    assert.match(
      described.text,
      /Sandbox: `GET http:\/\/127\.0\.0\.1:8000\/rendez-vous\/v1\/motifs`/,
    );
  });

  it("lists declarations-fiscales' versions, the deprecated one with its sunset", async () => {
    const answer = await callTool(publicClient, 'list_versions', { api: 'declarations-fiscales' });
    const versions = answer.structured.versions as { id: string; lifecycle: string }[];
    assert.deepEqual(
      versions.map((version) => version.id),
      ['v2', 'v1'],
    );
    assert.match(answer.text, /`v1` .*deprecated/);
  });
});
