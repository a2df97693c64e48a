/**
 * Hostile names in the usage counts on PostgreSQL, whose flush sends each column as one array
 * literal (`store/postgres/postgres-usage-rows.ts`): operation ids holding an array literal's
 * own characters — quotes, backslashes, braces, commas — or the word NULL must reach the
 * store and the CSV export exactly as the document wrote them, never split into other
 * elements, read as a null, or refused. Each runs through the real gateway on real sockets,
 * its store on the run's real PostgreSQL, in front of the real mock server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import { toCsvCell } from '../../gateway-stub/usage/to-csv.ts';
import { useTestPostgres } from '../helpers/postgres-cluster.ts';
import {
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';
import { writeOperationIdApi } from './helpers/operation-id-api.ts';

/** Operation ids an array literal would misread, by what they hold. */
const arrayOperations = {
  'a double quote': 'say"hello"',
  'a backslash before a quote': 'back\\"slash',
  'braces and commas': '{a,b},{c}',
  'the word NULL': 'NULL',
  'an element closing the array': '"},{"x',
};

function writeHostileApis(dir: string): void {
  writeOperationIdApi(dir, {
    slug: 'tableau',
    title: 'Tableau',
    summary: 'Operation ids an array literal misreads.',
    operationIds: Object.values(arrayOperations),
  });
}

const apisDir = mkdtempSync(join(tmpdir(), 'guichet-security-usage-pg-'));
let mock: RunningMockServer;
let sandbox: GatewaySandbox;
let csv = '';

before(async () => {
  writeHostileApis(apisDir);
  const loaded = await loadCatalog({ apisDir, audience: 'internal' });
  if (loaded.failed) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const databaseUrl = await (await useTestPostgres()).createDatabase('usage_hostile');
  mock = await startFixtureMockServer(loaded.catalog);
  sandbox = await startGatewaySandbox({
    catalog: loaded.catalog,
    upstreamUrl: mock.url,
    options: { databaseUrl },
  });
  const holder = await sandbox.issueKey({ application: 'Appli', api: 'tableau' });
  for (let index = 0; index < Object.keys(arrayOperations).length; index += 1) {
    // Twice each: the second flush adds to the row the first wrote.
    for (let times = 0; times < 2; times += 1) {
      const answer = await fetch(`${sandbox.baseUrl}/tableau/v1/cells/c${String(index)}`, {
        headers: { 'x-api-key': holder.key },
      });
      assert.equal(answer.status, 200);
      await answer.arrayBuffer();
      await sandbox.gateway.flush();
    }
  }
  const response = await fetch(`${sandbox.adminUrl}/usage?api=tableau&format=csv`, {
    headers: { authorization: `Bearer ${sandbox.gateway.adminToken}` },
  });
  assert.equal(response.status, 200);
  csv = await response.text();
});
after(async () => {
  await sandbox.close();
  await mock.close();
  rmSync(apisDir, { recursive: true, force: true });
});

describe('operation names an array literal misreads, counted on PostgreSQL', () => {
  for (const [what, operation] of Object.entries(arrayOperations)) {
    test(`an operation id holding ${what}`, () => {
      const lines = csv.split('\r\n').filter((line) => line.includes(`,${toCsvCell(operation)},`));
      assert.ok(lines.length > 0, `a line for ${operation}`);
      // Its two calls, each through its own flush (an hour may have turned between them).
      const requests = lines.reduce(
        (sum, line) => sum + Number(/,2xx,(\d+),0,/.exec(line)?.[1] ?? Number.NaN),
        0,
      );
      assert.equal(requests, 2, csv);
    });
  }
});
