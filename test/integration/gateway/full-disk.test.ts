import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import {
  processAdminHeaders,
  startGatewayProcess,
  type GatewayProcess,
} from './helpers/start-gateway-process.ts';
import { mountSmallDisk, type SmallDisk } from './helpers/mount-small-disk.ts';

/** One sample of `/metrics`, or NaN when absent. */
async function readMetric(gateway: GatewayProcess, name: string): Promise<number> {
  const text = await (
    await fetch(`${gateway.adminUrl}/metrics`, { headers: processAdminHeaders })
  ).text();
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  return Number(match?.[1] ?? Number.NaN);
}

/** Polls until `check` holds: a state to reach, whatever the machine's speed. */
async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 2_000; attempt += 1) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`never reached: ${what}`);
}

function postKey(gateway: GatewayProcess, application: string): Promise<Response> {
  return fetch(`${gateway.adminUrl}/keys`, {
    method: 'POST',
    // The refusals' wording is read in English (French is the default language).
    headers: {
      ...processAdminHeaders,
      'content-type': 'application/json',
      'accept-language': 'en',
    },
    body: JSON.stringify({ application, api: 'colis', plan: 'premium' }),
  });
}

describe('a full disk', () => {
  let disk: SmallDisk;
  let upstream: EchoUpstream;
  let gateway: GatewayProcess;

  before(async () => {
    disk = mountSmallDisk(2_048);
    upstream = await startEchoUpstream();
    gateway = await startGatewayProcess(disk.dir, upstream.url, { GUICHET_USAGE_FLUSH_MS: '100' });
    await gateway.ready();
  });
  after(async () => {
    await gateway.stop();
    await upstream.close();
    disk.remove();
  });

  it('keeps the gateway answering, counts what it could not write, and loses no usage count', async () => {
    const issued = (await (await postKey(gateway, 'Before the disk filled')).json()) as {
      key: string;
      consumerId: string;
    };
    const call = async (): Promise<number> => {
      const response = await fetch(`${gateway.baseUrl}/colis/v2/parcels/AB1234`, {
        headers: { 'x-api-key': issued.key },
      });
      await response.arrayBuffer();
      return response.status;
    };
    let calls = 0;
    for (; calls < 20; calls += 1) assert.equal(await call(), 200);

    disk.fill();
    // The store's write-ahead log may still have room for a few commits: write until it has none.
    let refused: Response | undefined;
    for (let index = 0; refused === undefined; index += 1) {
      const response = await postKey(gateway, `While full ${String(index)}`);
      if (response.status === 201) await response.arrayBuffer();
      else refused = response;
      assert.ok(index < 1_000, 'the store must fill up');
    }
    const problem = (await refused.json()) as { type: string; detail: string };
    assert.equal(refused.status, 507, JSON.stringify(problem));
    assert.equal(refused.headers.get('content-type'), 'application/problem+json');
    assert.equal(problem.type, '/problems/insufficient-storage');
    assert.match(
      problem.detail,
      /^The disk holding the sandbox store \(.+\) is full: nothing was changed\./,
    );
    const trial = await fetch(`${gateway.baseUrl}/_guichet/trial-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        application: 'Trial while full',
        email: 'dev@example.org',
        api: 'colis',
        acceptTerms: true,
      }),
    });
    assert.equal(trial.status, 507);
    assert.equal(((await trial.json()) as { type: string }).type, '/problems/insufficient-storage');

    // Calls keep being answered; their log lines are dropped, and counted.
    for (let batch = 0; batch < 200; batch += 1) {
      assert.equal(await call(), 200);
      calls += 1;
    }
    await waitFor('dropped log lines counted', async () => {
      return (await readMetric(gateway, 'guichet_gateway_access_log_dropped_lines_total')) > 0;
    });
    assert.equal(gateway.child.exitCode, null, 'the gateway is still running');

    disk.free();
    await waitFor('usage counts written', async () => {
      return (await readMetric(gateway, 'guichet_gateway_usage_pending_requests')) === 0;
    });
    await waitFor('the access log written again', () =>
      Promise.resolve(/the access log is written again/.test(gateway.stderr())),
    );
    assert.equal((await postKey(gateway, 'After the disk was freed')).status, 201);

    const stderr = gateway.stderr();
    assert.equal(stderr.match(/the access log cannot be written/g)?.length, 1, stderr);
    assert.doesNotMatch(stderr, /cannot rollback/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    // Every call counted, none lost while the store refused writes.
    const db = new DatabaseSync(join(disk.dir, 'gateway.sqlite'), { readOnly: true });
    try {
      const row = db
        .prepare('SELECT SUM(requests) AS total FROM usage WHERE consumer_id = ?')
        .get(issued.consumerId) as { total: number };
      assert.equal(row.total, calls);
    } finally {
      db.close();
    }
    // The lines written are whole: none was cut where the disk filled.
    for (const name of readdirSync(join(disk.dir, 'logs'))) {
      for (const line of readFileSync(join(disk.dir, 'logs', name), 'utf8').split('\n')) {
        if (line !== '') JSON.parse(line);
      }
    }
  });
});
