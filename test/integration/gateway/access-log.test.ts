import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

/** `YYYY-MM-DD` of `days` days before now (UTC). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

describe('access log', () => {
  let upstream: EchoUpstream;
  let test: TestGateway;
  let dataDir: string;
  const logDir = (): string => join(dataDir, 'logs');

  before(async () => {
    upstream = await startEchoUpstream();
    dataDir = mkdtempSync(join(tmpdir(), 'guichet-log-'));
    // Files a previous run left: the ones past the retention must go at start.
    mkdirSync(join(dataDir, 'logs'));
    for (const day of [daysAgo(3), daysAgo(4), daysAgo(9), 'not-a-day']) {
      writeFileSync(join(dataDir, 'logs', `access-${day}.jsonl`), '');
    }
    writeFileSync(join(dataDir, 'logs', 'notes.txt'), 'kept');
    test = await startTestGateway(upstream.url, { dataDir, logRetentionDays: 4 });
  });
  after(async () => {
    await test.close();
    await upstream.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps only the retention period of daily files', () => {
    const names = readdirSync(logDir()).sort();
    assert.deepEqual(names, [`access-${daysAgo(3)}.jsonl`, 'access-not-a-day.jsonl', 'notes.txt']);
  });

  it('writes one JSON line a request, with no trace of the key', async () => {
    const { key, consumerId } = await issueKey(test);
    await fetch(`${test.baseUrl}/colis/v2/parcels/AB1234?token=${key}`, {
      headers: { 'x-api-key': key, 'x-request-id': 'log-me' },
    });
    await fetch(`${test.baseUrl}/colis/v2/echo/${key}`, {
      headers: { 'x-api-key': key, 'x-request-id': 'log-echo' },
    });
    // Another last character, whatever the key's own is (a key ending in "x" once made this
    // "wrong" key the right one: 1 run in 64).
    const wrongKey = `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}`;
    await fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': wrongKey, 'x-request-id': 'log-refused' },
    });
    await test.gateway.flush();
    const text = readFileSync(join(logDir(), `access-${daysAgo(0)}.jsonl`), 'utf8');
    assert.doesNotMatch(text, new RegExp(key.slice(3)));
    assert.doesNotMatch(text, new RegExp(key.slice(3, 20)));
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Each line found by its request id, not by its place in the file.
    const byId = new Map(lines.map((line) => [line.requestId, line]));
    assert.equal(lines.length, 3);
    const first = byId.get('log-me') ?? {};
    assert.deepEqual(Object.keys(first), [
      'time',
      'requestId',
      'consumerId',
      'api',
      'version',
      'method',
      'path',
      'status',
      'latencyMs',
      'quotaLeft',
      'client',
    ]);
    assert.equal(first.requestId, 'log-me');
    assert.equal(first.consumerId, consumerId);
    assert.equal(first.api, 'colis');
    assert.equal(first.version, 'v2');
    assert.equal(first.method, 'GET');
    assert.equal(first.path, '/colis/v2/parcels/AB1234');
    assert.equal(first.status, 200);
    assert.equal(first.quotaLeft, 49);
    assert.equal(typeof first.latencyMs, 'number');
    // Anonymised by default: loopback becomes 127.0.0.0.
    assert.equal(first.client, '127.0.0.0');
    assert.equal(byId.get('log-echo')?.path, '/colis/v2/echo/gk_(hidden)');
    const refused = byId.get('log-refused') ?? {};
    assert.equal(refused.status, 401);
    assert.equal(refused.consumerId, '');
    assert.equal(refused.quotaLeft, null);
  });
});
