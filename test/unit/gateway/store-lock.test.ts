import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../../../gateway-stub/store/open-database.ts';
import { acquireStoreLock, StoreInUseError } from '../../../gateway-stub/store/store-lock.ts';

describe('the store lock', () => {
  it('refuses a live holder, takes over a silent one, and tells the old holder it lost', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-lock-'));
    const first = openDatabase(dir);
    const second = openDatabase(dir);
    try {
      const held = acquireStoreLock(first, 'store');
      assert.throws(() => acquireStoreLock(second, 'store'), StoreInUseError);
      assert.equal(held.beat(), true);
      // Frozen for a minute (SIGSTOP): its heartbeat went stale, the next gateway takes over…
      first.prepare('UPDATE gateway_lock SET heartbeat_at = ?').run(Date.now() - 60_000);
      const taken = acquireStoreLock(second, 'store');
      // …and the first learns it on its next beat, so it stops writing.
      assert.equal(held.beat(), false);
      held.release();
      assert.equal(taken.beat(), true);
      taken.release();
      acquireStoreLock(first, 'store').release();
    } finally {
      first.close();
      second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
