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

  // The gateway commits its quota windows every second, its usage counts and its lock's
  // heartbeat every few: were those changes, every cache (keys, clients, tokens) would be
  // dropped that often, and each key paid its store query and HMAC again.
  for (const [name, suffix] of [
    ['reading the WAL-index header', ''],
    ['falling back on PRAGMA data_version', '.elsewhere'],
  ] as const) {
    it(`takes commits made through its own connection for no change, ${name}`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'guichet-changes-'));
      const db = openDatabase(dir);
      const other = openDatabase(dir);
      const changes = createChangeDetector(db, join(dir, databaseFileName) + suffix);
      try {
        for (let index = 0; index < 3; index += 1) {
          db.exec(
            `INSERT INTO consumers VALUES ('own${String(index)}', 'App', NULL, '2026-01-01')`,
          );
          assert.equal(changes.hasChanged(), false, 'its own commit');
        }
        // Another's commit between two of its own is still seen, and only once.
        db.exec(`INSERT INTO consumers VALUES ('own8', 'App', NULL, '2026-01-01')`);
        other.exec(`INSERT INTO consumers VALUES ('theirs', 'App', NULL, '2026-01-01')`);
        db.exec(`INSERT INTO consumers VALUES ('own9', 'App', NULL, '2026-01-01')`);
        assert.equal(changes.hasChanged(), true);
        assert.equal(changes.hasChanged(), false);
        // Another's checkpoint may count as a change once (SQLite's data_version moves): erring
        // that way only drops a cache; what follows it is told apart again.
        other.exec('PRAGMA wal_checkpoint(TRUNCATE)');
        changes.hasChanged();
        db.exec(`INSERT INTO consumers VALUES ('own10', 'App', NULL, '2026-01-01')`);
        assert.equal(changes.hasChanged(), false, 'its own commit after a checkpoint');
        other.exec(`INSERT INTO consumers VALUES ('theirs2', 'App', NULL, '2026-01-01')`);
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
