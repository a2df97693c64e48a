import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { formatProblem, loadCatalog, type Catalog } from '../../../catalog/index.ts';
import { createMockServer } from '../../../mock-server/create-mock-server.ts';
import {
  pickSecuredSample,
  placeholders,
  toSandboxCommands,
} from '../../../site/lib/sandbox-commands.ts';
import { issueApplication } from './helpers/security-fixtures.ts';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';
import { en } from '../../../site/i18n/en.ts';

/**
 * The commands the README gives for each scheme, and those each API page of the sample catalog
 * (`apis/`) gives a partner ("Try it from a terminal"), run as a partner pastes them, by bash and
 * the real curl, against the real sandbox (gateway and Prism), with the trial application's
 * credentials put in where the page's script puts them: every one gets a 2xx, whatever scheme its document declares (KeyId header, apikey
 * query parameter, HTTP bearer, OAuth 2.0 client credentials with scopes, authorization code
 * served by client credentials).
 */

const run = promisify(execFile);

/** The status of the last HTTP answer `curl -i` printed. */
function lastStatus(output: string): number {
  const statuses = [...output.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map((match) => match[1]);
  return Number(statuses.at(-1));
}

describe("the API pages' terminal commands, run by curl against the real sandbox", () => {
  let catalog: Catalog;
  let mock: { url: string; close(): Promise<void> };
  let test: TestGateway;

  before(async () => {
    const result = await loadCatalog({ apisDir: 'apis', audience: 'internal' });
    if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
    catalog = result.catalog;
    const engine = createMockServer({ catalog, prepareWorkers: 1 });
    const server = createServer(engine.handle);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    await engine.prepareAll();
    mock = {
      url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
      async close() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await engine.close();
      },
    };
    test = await startTestGateway(mock.url, { catalog });
  });
  after(async () => {
    await test.close();
    await mock.close();
  });

  it("the README's commands, one per scheme, each get a 2xx", async () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /```sh\n(SANDBOX=http:\/\/127\.0\.0\.1:8000\n[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(block, 'the README shows how to call with each scheme');
    // One application per API, as a partner holds them; each command is run with the
    // application of the API it calls.
    const lines = block.replace(/\\\n\s*/g, ' ').split('\n');
    const statuses: string[] = [];
    for (const line of lines) {
      if (!line.startsWith('curl')) continue;
      const api = /\$SANDBOX\/([a-z-]+)\//.exec(line)?.[1];
      assert.ok(api, line);
      const app = await issueApplication(test, `README ${api}`, api);
      const token = lines.find((item) => item.startsWith('TOKEN=')) ?? '';
      const script = [
        `SANDBOX=${test.baseUrl}`,
        `KEY=${app.key}; CLIENT_ID=${app.clientId}; CLIENT_SECRET=${app.clientSecret}`,
        line.includes('$TOKEN') ? token : '',
        line,
      ].join('\n');
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script]);
      const status = lastStatus(stdout);
      assert.ok(status >= 200 && status < 300, `${line} answered ${String(status)}:\n${stdout}`);
      statuses.push(`${String(status)} ${line}`);
    }
    assert.equal(statuses.length, 5, statuses.join('\n'));
  });

  it('every sample API has a command, and each one gets a 2xx with the partner’s credentials', async () => {
    const tried: string[] = [];
    for (const api of catalog.apis) {
      const version = api.versions.find((item) => item.id === api.currentVersionId);
      if (!version) continue;
      const sample = pickSecuredSample(version);
      assert.ok(sample, `${api.id} has a command to try`);
      const baseUrl = `${test.baseUrl}/${api.id}/${version.id}`;
      const commands = toSandboxCommands(version, sample, baseUrl, test.baseUrl, en.sandbox.sends);
      const app = await issueApplication(test, `Terminal ${api.id}`, api.id);
      // What the page's script does once the browser holds the trial application.
      const script = [commands.token, commands.call]
        .filter((line) => line !== undefined)
        .join('\n')
        .replaceAll(placeholders.key, app.key)
        .replaceAll(placeholders.clientId, app.clientId)
        .replaceAll(placeholders.clientSecret, app.clientSecret);
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script]);
      const status = lastStatus(stdout);
      assert.ok(
        status >= 200 && status < 300,
        `${api.id} ${sample.method} ${sample.target} (${commands.sends}) answered ${String(status)}:\n${script}\n${stdout}`,
      );
      tried.push(`${api.id}: ${commands.sends}`);
    }
    // Each scheme of the samples is among what was run.
    const all = tried.join('\n');
    assert.match(all, /your key in KeyId/);
    assert.match(all, /your key in apikey/);
    assert.match(all, /an access token/);
    assert.ok(tried.length >= 6, all);
  });
});
