/**
 * Hostile inputs to the usage reports: operation names that a spreadsheet would run as
 * formulas, periods and limits meant to exhaust the store, SQL in filters, and a consumer
 * reaching for another's usage from the public port (their id in the query, a repeated
 * parameter, no credential, a credential nobody holds). Each runs through the real gateway on
 * real sockets, in front of the real mock server, over a catalog whose document is hostile.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import {
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';
import { writeOperationIdApi } from './helpers/operation-id-api.ts';

/** Operation ids a spreadsheet would take for formulas, one per prefix it reads that way. */
const formulaOperations = {
  '=': '=HYPERLINK("http://evil.example/x","open")',
  '+': '+cmd|calc!A0',
  '-': '-2+3+cmd|calc!A0',
  '@': '@SUM(1+1)*cmd|calc!A0',
};

function writeHostileApis(dir: string): void {
  writeOperationIdApi(dir, {
    slug: 'tableur',
    title: 'Tableur',
    summary: 'Operation ids a spreadsheet runs.',
    operationIds: Object.values(formulaOperations),
  });
}

const apisDir = mkdtempSync(join(tmpdir(), 'guichet-security-usage-'));
let mock: RunningMockServer;
let sandbox: GatewaySandbox;
let admin: Record<string, string>;
let a: { key: string; consumerId: string };
let b: { key: string; consumerId: string };

before(async () => {
  writeHostileApis(apisDir);
  const loaded = await loadCatalog({ apisDir, audience: 'internal' });
  if (loaded.failed) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  mock = await startFixtureMockServer(loaded.catalog);
  sandbox = await startGatewaySandbox({ catalog: loaded.catalog, upstreamUrl: mock.url });
  admin = { authorization: `Bearer ${sandbox.gateway.adminToken}` };
  a = await sandbox.issueKey({ application: 'Appli A', api: 'tableur' });
  b = await sandbox.issueKey({ application: 'Appli B', api: 'tableur' });
  for (let index = 0; index < Object.keys(formulaOperations).length; index += 1) {
    for (const who of [a, b, b]) {
      const answer = await fetch(`${sandbox.baseUrl}/tableur/v1/cells/c${String(index)}`, {
        headers: { 'x-api-key': who.key },
      });
      assert.equal(answer.status, 200);
    }
  }
});
after(async () => {
  await sandbox.close();
  await mock.close();
  rmSync(apisDir, { recursive: true, force: true });
});

async function readOwners(query: string, headers: Record<string, string> = admin) {
  const response = await fetch(`${sandbox.adminUrl}/usage${query}`, { headers });
  return { response, body: await response.text() };
}

function assertProblem(response: Response, status: number): void {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
}

describe('an operation name a spreadsheet would run, in the CSV export', () => {
  for (const [prefix, operation] of Object.entries(formulaOperations)) {
    test(`an operation id starting with ${prefix}`, async () => {
      const { response, body } = await readOwners('?api=tableur&format=csv');
      assert.equal(response.status, 200);
      const cells = body
        .split('\r\n')
        .flatMap((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
      assert.ok(
        cells.every((cell) => !/^["]?[=+\-@]/.test(cell)),
        'no cell starts with a formula character',
      );
      const escaped = `'${operation}`;
      const quoted = /[",']/.test(escaped) ? `"${escaped.replaceAll('"', '""')}"` : escaped;
      assert.ok(body.includes(`,${quoted},`), `the operation is kept, shown as text: ${quoted}`);
    });
  }
});

describe('periods and limits meant to exhaust the store', () => {
  const cases: [string, string][] = [
    ['a period of eight thousand years', '?from=2000-01-01&to=9999-12-31&bucket=day'],
    ['a month of minutes', '?from=2026-01-01&to=2026-02-01&bucket=minute'],
    ['a year of hours', '?from=2025-01-01&to=2026-01-01&bucket=hour'],
    ['a limit of a million', '?limit=1000000'],
    ['a negative limit', '?limit=-1'],
    ['a date past year 9999', '?from=99999-01-01'],
    ['a period ending before it starts', '?from=2026-02-01&to=2026-01-01'],
    ['an unknown bucket', '?bucket=second'],
    ['an unknown parameter', '?where=1'],
  ];
  for (const [name, query] of cases) {
    test(name, async () => {
      const { response, body } = await readOwners(query);
      assertProblem(response, 400);
      assert.equal((JSON.parse(body) as { type: string }).type.endsWith('/invalid-request'), true);
    });
  }
});

describe('SQL in the filters', () => {
  const filters: [string, string][] = [
    ['api', "tableur' OR '1'='1"],
    ['consumer', "' UNION SELECT * FROM keys --"],
    ['operation', '"; DROP TABLE usage_aggregates; --'],
    ['version', 'v1%'],
  ];
  for (const [name, value] of filters) {
    test(`${name}=${value}`, async () => {
      const { response, body } = await readOwners(`?${name}=${encodeURIComponent(value)}`);
      assert.equal(response.status, 200);
      const report = JSON.parse(body) as { totals: { requests: number } };
      assert.equal(report.totals.requests, 0, 'a filter matches its value, never more');
      // The store is whole: every call is still counted.
      const whole = JSON.parse((await readOwners('?api=tableur')).body) as typeof report;
      assert.equal(whole.totals.requests, 12);
    });
  }
});

describe("a consumer reaching for another's usage on the public port", () => {
  const own = (query: string, headers: Record<string, string>) =>
    fetch(`${sandbox.baseUrl}/_guichet/usage${query}`, { headers });

  test("A's key reads A's calls, and nothing of B's", async () => {
    const response = await own('', { 'x-api-key': a.key });
    assert.equal(response.status, 200);
    const text = await response.text();
    const report = JSON.parse(text) as { consumerId: string; apis: { requests: number }[] };
    assert.equal(report.consumerId, a.consumerId);
    assert.equal(report.apis[0]?.requests, 4);
    assert.ok(!text.includes(b.consumerId));
  });
  test("B's consumer id in the query", async () => {
    assertProblem(await own(`?consumer=${b.consumerId}`, { 'x-api-key': a.key }), 400);
  });
  test("B's consumer id as consumerId", async () => {
    assertProblem(await own(`?consumerId=${b.consumerId}`, { 'x-api-key': a.key }), 400);
  });
  test('a repeated parameter', async () => {
    assertProblem(await own('?api=tableur&api=other', { 'x-api-key': a.key }), 400);
  });
  test("A's CSV export holds only A's lines", async () => {
    const response = await own('?format=csv', { 'x-api-key': a.key });
    assert.equal(response.status, 200);
    const lines = (await response.text()).trimEnd().split('\r\n').slice(1);
    assert.equal(lines.length, 4);
    assert.ok(lines.every((line) => line.includes(a.consumerId) && !line.includes(b.consumerId)));
  });
  test('no credential at all', async () => {
    const response = await own('', {});
    assertProblem(response, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /X-Api-Key/);
  });
  test('a key nobody holds', async () => {
    assertProblem(await own('', { 'x-api-key': `gk_${'Q'.repeat(32)}` }), 401);
  });
  test('a key in Authorization that nobody holds', async () => {
    assertProblem(await own('', { authorization: `Bearer gk_${'Q'.repeat(32)}` }), 401);
  });
  test('a forged access token', async () => {
    assertProblem(await own('', { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' }), 401);
  });
  test('client credentials nobody holds', async () => {
    const basic = Buffer.from('cli_nobody:secret').toString('base64');
    assertProblem(await own('', { authorization: `Basic ${basic}` }), 401);
  });
  test("the owners' report without the admin token", async () => {
    const { response } = await readOwners('', { 'x-api-key': a.key });
    assertProblem(response, 401);
  });
});

describe('paths beside the owners’ report (the pages are the portal’s now)', () => {
  for (const path of [
    '/usage/view',
    '/usage/view/',
    '/usage/view/../keys',
    '/usage/view%2F..%2Fkeys',
    '/usage/view.js/../../keys',
    '/usage/keys',
  ]) {
    test(`${path} still needs the admin token`, async () => {
      const { response } = await readOwners(path.slice('/usage'.length), {});
      assertProblem(response, 401);
    });
  }
  test('a POST to the report is no report', async () => {
    const response = await fetch(`${sandbox.adminUrl}/usage`, { method: 'POST' });
    assertProblem(response, 401);
  });
});
