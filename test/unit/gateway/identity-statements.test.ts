import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DatabaseSync } from 'node:sqlite';
import { maxCachedKeys } from '../../../gateway-stub/keys/key-lookup.ts';
import { createIdentityTokens } from '../../../gateway-stub/oauth/identity-tokens.ts';
import { createSigningKeys } from '../../../gateway-stub/oauth/signing-keys.ts';
import { openDatabase } from '../../../gateway-stub/store/open-database.ts';
import { createSigningKeyStore } from '../../../gateway-stub/store/signing-key-store.ts';

describe('the statements of who calls', () => {
  let dir: string;
  let db: DatabaseSync;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-statements-'));
    db = openDatabase(dir);
  });
  after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are signed once per consumer while valid, for more consumers than 16,384', async () => {
    // A busy sandbox's keys all stay in the key cache (`maxCachedKeys`); a statement forgotten
    // sooner is signed again on each call, and 100,000 keys sent in turn then signed every call.
    // More than the 16,384 statements it kept, fewer than the keys the lookup keeps.
    const consumers = Math.min(17_000, maxCachedKeys);
    const statements = createIdentityTokens(
      'http://127.0.0.1:8000',
      createSigningKeys({ store: createSigningKeyStore(db) }),
    );
    const callerOf = (index: number) => ({
      consumerId: `con_${String(index)}`,
      application: `Application ${String(index)}`,
      clientId: undefined,
      plan: 'free',
      scope: '',
      api: 'colis',
    });
    const first: string[] = [];
    for (let index = 0; index < consumers; index += 1) {
      first.push(await statements.statementOf(callerOf(index)));
    }
    let signedAgain = 0;
    for (let index = 0; index < consumers; index += 1) {
      const again = statements.statementOf(callerOf(index));
      if (typeof again !== 'string' || again !== first[index]) signedAgain += 1;
    }
    assert.equal(signedAgain, 0, `${String(signedAgain)} statements were signed again`);
  });
});
