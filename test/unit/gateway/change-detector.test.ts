import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createChangeDetector } from '../../../gateway-stub/store/change-detector.ts';
import { databaseFileName, openDatabase } from '../../../gateway-stub/store/open-database.ts';

describe('change detector', () => {
  for (const [name, suffix] of [
    ['reading the WAL-index header', ''],
    ['falling back on PRAGMA data_version', '.elsewhere'],
  ] as const) {
    it(`sees every commit of another connection, ${name}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'guichet-changes-'));
      const db = openDatabase(dir);
      const other = openDatabase(dir);
      const changes = createChangeDetector(db, join(dir, databaseFileName) + suffix);
      try {
        assert.equal(changes.hasChanged(), false);
        for (let index = 0; index < 3; index += 1) {
          other.exec(
            `INSERT INTO consumers VALUES ('c${String(index)}', 'App', NULL, '2026-01-01')`,
          );
          assert.equal(changes.hasChanged(), true);
          assert.equal(changes.hasChanged(), false);
        }
        other.prepare('SELECT COUNT(*) FROM consumers').get();
        assert.equal(changes.hasChanged(), false, 'a read is not a change');
        // After a checkpoint empties the WAL, the next commit starts it over: still seen.
        other.exec('PRAGMA wal_checkpoint(TRUNCATE)');
        changes.hasChanged();
        other.exec(`INSERT INTO consumers VALUES ('c9', 'App', NULL, '2026-01-01')`);
        assert.equal(changes.hasChanged(), true);
      } finally {
        changes.close();
        other.close();
        db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
