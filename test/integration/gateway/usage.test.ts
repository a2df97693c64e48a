import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { describeOnEachStore } from '../../helpers/gateway-stores.ts';
import { startSandbox, type Sandbox } from '../../../scripts/lib/sandbox/index.ts';
import { findFreePort } from '../../helpers/find-free-port.ts';
import { fixtureApisDir } from './helpers/start-test-gateway.ts';
import { waitForPreparedDocuments } from '../../helpers/wait-for-mock.ts';

interface Issued {
  key: string;
  consumerId: string;
  clientId: string;
  clientSecret: string;
}

interface Figures {
  requests: number;
  clientErrors: number;
  serverErrors: number;
  quotaRefusals: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
}

/** What the test sent and got back, counted by consumer, version, operation and status. */
class Tally {
  readonly rows = new Map<string, number>();
  add(consumer: string, version: string, operation: string, status: number): void {
    const key = [consumer, version, operation, `${String(Math.floor(status / 100))}xx`].join(' ');
    this.rows.set(key, (this.rows.get(key) ?? 0) + 1);
  }
  sum(
    match: (consumer: string, version: string, operation: string, statusClass: string) => boolean,
  ): number {
    let total = 0;
    for (const [key, value] of this.rows) {
      const [consumer = '', version = '', operation = '', statusClass = ''] = key.split(' ');
      if (match(consumer, version, operation, statusClass)) total += value;
    }
    return total;
  }
}

describeOnEachStore('usage reports through the real sandbox', (store) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-usage-'));
  const previous = process.env.GUICHET_DATABASE_URL;
  let sandbox: Sandbox;
  let admin: Record<string, string>;
  let a: Issued;
  let b: Issued;
  const tally = new Tally();
  let quotaRefusals = 0;

  const call = async (
    who: Issued | undefined,
    version: string,
    operation: 'getParcel' | 'createParcel',
    parcel = 'AB1234',
  ): Promise<number> => {
    const headers: Record<string, string> =
      who === undefined ? { 'x-api-key': `gk_${'x'.repeat(32)}` } : { 'x-api-key': who.key };
    const response =
      operation === 'getParcel'
        ? await fetch(`${sandbox.url}/colis/${version}/parcels/${parcel}`, { headers })
        : await fetch(`${sandbox.url}/colis/${version}/parcels`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ recipient: 'Jeanne Martin' }),
          });
    await response.arrayBuffer();
    // A refusal before the mock server matched the call names no operation.
    const matched = response.status === 401 || response.status === 429 ? '' : operation;
    tally.add(who?.consumerId ?? '', version, matched, response.status);
    if (response.status === 429) quotaRefusals += 1;
    return response.status;
  };

  before(async () => {
    // The sandbox's processes inherit it: the gateway keeps its store there.
    Object.assign(process.env, store.env);
    const started = await startSandbox({
      apisDir: fixtureApisDir,
      dataDir,
      output: 'ignore',
      gatewayPort: await findFreePort(),
      adminPort: await findFreePort(),
      mockPort: await findFreePort(),
    });
    sandbox = started.sandbox;
    const token = readFileSync(sandbox.adminTokenFile ?? '', 'utf8').trim();
    admin = { authorization: `Bearer ${token}` };
    const issue = async (body: Record<string, unknown>): Promise<Issued> => {
      const created = await fetch(`${sandbox.adminUrl}/keys`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(created.status, 201);
      return (await created.json()) as Issued;
    };
    a = await issue({ application: 'Usage A', api: 'colis' });
    b = await issue({ application: 'Usage B', api: 'colis', plan: 'premium' });
    await waitForPreparedDocuments(sandbox.mockUrl);
    // A, on the free plan (50 a minute): the current and the deprecated version, then past
    // its quota — until the first refusal and two more, however long the calls take.
    for (let index = 0; index < 20; index += 1) await call(a, 'v1', 'getParcel');
    for (let index = 0; index < 200 && quotaRefusals < 3; index += 1)
      await call(a, 'v2', 'getParcel');
    // B, premium: writes, calls the mock server refuses (a parcel id off its pattern), one
    // call of the deprecated version; and a key nobody holds.
    for (let index = 0; index < 3; index += 1) await call(b, 'v2', 'createParcel');
    for (let index = 0; index < 2; index += 1) await call(b, 'v2', 'getParcel', 'bad');
    await call(b, 'v1', 'getParcel');
    await call(undefined, 'v2', 'getParcel');
  });

  after(async () => {
    await sandbox.close();
    if (previous === undefined) delete process.env.GUICHET_DATABASE_URL;
    else process.env.GUICHET_DATABASE_URL = previous;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the owners exactly the calls sent, by consumer, version, operation and status class', async () => {
    assert.ok(quotaRefusals >= 3);
    const response = await fetch(`${sandbox.adminUrl}/usage?api=colis&limit=100`, {
      headers: admin,
    });
    assert.equal(response.status, 200);
    const report = (await response.json()) as {
      totals: Figures;
      series: (Figures & { time: string })[];
      byConsumer: (Figures & { consumerId: string })[];
      byOperation: (Figures & { version: string; operation: string })[];
      byStatusClass: (Figures & { statusClass: string })[];
      byPlan: (Figures & { plan: string })[];
      deprecated: {
        api: string;
        version: string;
        sunset: string;
        consumers: { consumerId: string; requests: number }[];
      }[];
    };
    const all = tally.sum(() => true);
    assert.equal(report.totals.requests, all);
    assert.equal(report.totals.quotaRefusals, quotaRefusals);
    assert.equal(
      report.totals.clientErrors,
      tally.sum((_c, _v, _o, s) => s === '4xx'),
    );
    assert.equal(report.totals.serverErrors, 0);
    assert.equal(
      report.series.reduce((sum, point) => sum + point.requests, 0),
      all,
    );
    assert.ok(report.totals.latencyMs.p50 !== null && report.totals.latencyMs.p99 !== null);
    assert.ok(report.totals.latencyMs.p50 <= report.totals.latencyMs.p99);
    const byConsumer = Object.fromEntries(
      report.byConsumer.map((entry) => [entry.consumerId, entry.requests]),
    );
    assert.deepEqual(byConsumer, {
      [a.consumerId]: tally.sum((c) => c === a.consumerId),
      [b.consumerId]: tally.sum((c) => c === b.consumerId),
      '': 1,
    });
    const byOperation = Object.fromEntries(
      report.byOperation.map((entry) => [`${entry.version} ${entry.operation}`, entry.requests]),
    );
    assert.deepEqual(byOperation, {
      'v1 getParcel': 21,
      'v2 getParcel': tally.sum((_c, v, o) => v === 'v2' && o === 'getParcel'),
      'v2 createParcel': 3,
      'v2 ': quotaRefusals + 1,
    });
    const byStatusClass = Object.fromEntries(
      report.byStatusClass.map((entry) => [entry.statusClass, entry.requests]),
    );
    assert.deepEqual(byStatusClass, {
      '2xx': tally.sum((_c, _v, _o, s) => s === '2xx'),
      '4xx': tally.sum((_c, _v, _o, s) => s === '4xx'),
    });
    assert.equal(
      tally.sum((_c, _v, o, s) => o === 'getParcel' && s === '4xx'),
      2,
    );
    assert.deepEqual(
      report.deprecated.map((entry) => ({
        ...entry,
        consumers: entry.consumers.map((item) => [item.consumerId, item.requests]),
      })),
      [
        {
          api: 'colis',
          version: 'v1',
          deprecatedSince: '2025-01-31',
          sunset: '2026-12-31',
          consumers: [
            [a.consumerId, 20],
            [b.consumerId, 1],
          ],
        },
      ],
    );
  });

  it('exports the same counts as CSV, and filters by version', async () => {
    const response = await fetch(`${sandbox.adminUrl}/usage?api=colis`, {
      headers: { ...admin, accept: 'text/csv' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
    const [header, ...lines] = (await response.text()).trimEnd().split('\r\n');
    assert.equal(
      header,
      'time,api,version,operation,consumerId,plan,statusClass,requests,quotaRefusals,p50Ms,p95Ms,p99Ms',
    );
    const exported = new Tally();
    let refused = 0;
    for (const line of lines) {
      const [
        ,
        api,
        version = '',
        operation = '',
        consumer = '',
        ,
        statusClass = '',
        requests = '',
        refusals = '',
      ] = line.split(',');
      assert.equal(api, 'colis');
      for (let index = 0; index < Number(requests); index += 1) {
        exported.add(consumer, version, operation, Number(statusClass.slice(0, 1)) * 100);
      }
      refused += Number(refusals);
    }
    assert.deepEqual(exported.rows, tally.rows);
    assert.equal(refused, quotaRefusals);

    const v1 = await fetch(`${sandbox.adminUrl}/usage?api=colis&version=v1&format=csv`, {
      headers: admin,
    });
    const v1Lines = (await v1.text()).trimEnd().split('\r\n').slice(1);
    assert.ok(v1Lines.length > 0 && v1Lines.every((line) => line.split(',')[2] === 'v1'));
  });

  it("shows each consumer their own usage, with their key or client credentials, and nobody else's", async () => {
    const own = await fetch(`${sandbox.url}/_guichet/usage`, { headers: { 'x-api-key': a.key } });
    assert.equal(own.status, 200);
    const report = (await own.json()) as {
      consumerId: string;
      apis: (Figures & {
        api: string;
        plan: string;
        requestsPerMinute: number;
        busiestMinute: { requests: number };
      })[];
    };
    assert.equal(report.consumerId, a.consumerId);
    assert.equal(report.apis.length, 1);
    const [colis] = report.apis;
    assert.equal(colis?.api, 'colis');
    assert.equal(colis.plan, 'free');
    assert.equal(colis.requestsPerMinute, 50);
    assert.equal(
      colis.requests,
      tally.sum((c) => c === a.consumerId),
    );
    assert.equal(colis.quotaRefusals, quotaRefusals);
    assert.ok(colis.busiestMinute.requests > 0);

    const basic = Buffer.from(`${b.clientId}:${b.clientSecret}`).toString('base64');
    const theirs = await fetch(`${sandbox.url}/_guichet/usage`, {
      headers: { authorization: `Basic ${basic}` },
    });
    const bReport = (await theirs.json()) as { consumerId: string; apis: Figures[] };
    assert.equal(bReport.consumerId, b.consumerId);
    assert.equal(
      bReport.apis[0]?.requests,
      tally.sum((c) => c === b.consumerId),
    );
    assert.equal(bReport.apis[0].quotaRefusals, 0);

    // Asking for a trial key names the API without calling it: no call in the report.
    const trial = await fetch(`${sandbox.url}/_guichet/trial-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        application: 'Usage trial',
        email: 'trial@example.org',
        api: 'colis',
        acceptTerms: true,
      }),
    });
    assert.equal(trial.status, 201);
    const trialKey = ((await trial.json()) as { key: string }).key;
    const trialReport = await fetch(`${sandbox.url}/_guichet/usage`, {
      headers: { 'x-api-key': trialKey },
    });
    assert.equal(((await trialReport.json()) as { totals: Figures }).totals.requests, 0);

    const widened = await fetch(`${sandbox.url}/_guichet/usage?consumer=${b.consumerId}`, {
      headers: { 'x-api-key': a.key },
    });
    assert.equal(widened.status, 400);
    const anonymous = await fetch(`${sandbox.url}/_guichet/usage`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('content-type') ?? '', /^application\/problem\+json/);
  });

  it("lets the portal's owners' page read GET /usage from the browser, and nothing else of the admin API", async () => {
    // The portal's origin in development, which the sandbox allows by default.
    const origin = 'http://127.0.0.1:4321';
    const preflight = await fetch(`${sandbox.adminUrl}/usage?api=colis`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET, HEAD');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const report = await fetch(`${sandbox.adminUrl}/usage?api=colis`, {
      headers: { ...admin, origin },
    });
    assert.equal(report.status, 200);
    assert.equal(report.headers.get('access-control-allow-origin'), origin);
    const totals = ((await report.json()) as { totals: Figures }).totals;
    assert.equal(
      totals.requests,
      tally.sum(() => true),
    );
    // Without the token the page reads the refusal, to say so.
    const refused = await fetch(`${sandbox.adminUrl}/usage`, { headers: { origin } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), origin);
    const keys = await fetch(`${sandbox.adminUrl}/keys`, { headers: { ...admin, origin } });
    assert.equal(keys.status, 200);
    assert.equal(keys.headers.get('access-control-allow-origin'), null);
    await keys.arrayBuffer();
  });

  it('keeps /metrics to a bounded set of series under 10,000 distinct paths', async () => {
    const countSeries = async (): Promise<number> => {
      const text = await (await fetch(`${sandbox.adminUrl}/metrics`, { headers: admin })).text();
      return text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
    };
    const before = await countSeries();
    const paths = Array.from({ length: 10_000 }, (_, index) =>
      index % 2 === 0 ? `/colis/v2/unknown-${String(index)}` : `/api-${String(index)}/v1/x`,
    );
    // Twenty callers at a time over kept-alive connections.
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < paths.length) {
          const path = paths[next] ?? '';
          next += 1;
          const response = await fetch(`${sandbox.url}${path}`, {
            headers: { 'x-api-key': a.key },
          });
          await response.arrayBuffer();
        }
      }),
    );
    const text = await (await fetch(`${sandbox.adminUrl}/metrics`, { headers: admin })).text();
    assert.doesNotMatch(text, /unknown-\d|api-\d|con_/);
    // A few new status codes and classes at most, never one series per path.
    assert.ok((await countSeries()) - before < 50, `series grew from ${String(before)}`);
  });
});
