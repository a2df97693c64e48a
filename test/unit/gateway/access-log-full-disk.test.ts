import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { createAccessLog, type AccessLogEntry } from '../../../gateway-stub/observe/access-log.ts';

const entry: AccessLogEntry = {
  time: '2026-11-21T09:15:02.007Z',
  requestId: 'r-1',
  consumerId: '',
  api: 'colis',
  version: 'v2',
  method: 'GET',
  path: '/colis/v2/parcels/AB1234',
  status: 200,
  latencyMs: 0.4,
  quotaLeft: null,
  client: '127.0.0.0',
};

describe('the access log on a disk that refuses writes', () => {
  it('drops and counts the lines, says so once, and never throws', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-full-log-'));
    try {
      // /dev/full answers every write with the kernel's ENOSPC: today's file points there.
      mkdirSync(join(dir, 'logs'));
      for (const offset of [0, 1]) {
        const day = new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
        symlinkSync('/dev/full', join(dir, 'logs', `access-${day}.jsonl`));
      }
      const notices: string[] = [];
      const log = createAccessLog({
        dir: join(dir, 'logs'),
        retentionDays: 3,
        flushIntervalMs: 10,
        onNotice: (line) => notices.push(line),
      });
      for (let index = 0; index < 5; index += 1) log.write(entry);
      log.flush();
      for (let index = 0; index < 3; index += 1) log.write(entry);
      // The timer's flush fails too, without taking the process down.
      while (log.droppedLines < 8) await sleep(10);
      log.close();
      assert.equal(log.droppedLines, 8);
      assert.equal(notices.length, 1, notices.join('\n'));
      assert.match(
        notices[0] ?? '',
        /^the access log cannot be written \(ENOSPC: no space left on device, write\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
