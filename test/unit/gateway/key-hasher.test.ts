import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  createKey,
  isKeyPrefix,
  isKeyShaped,
  toKeyPrefix,
} from '../../../gateway-stub/keys/key-format.ts';
import { createKeyHasher } from '../../../gateway-stub/keys/key-hasher.ts';

describe('subscription keys', () => {
  it('are gk_ and 32 base64url characters (192 random bits), with an 11-character prefix', () => {
    const { key, prefix } = createKey();
    assert.match(key, /^gk_[A-Za-z0-9_-]{32}$/);
    assert.equal(prefix, key.slice(0, 11));
    assert.equal(toKeyPrefix(key), prefix);
    assert.ok(isKeyShaped(key));
    assert.ok(isKeyPrefix(prefix));
    assert.notEqual(createKey().key, key);
  });

  it('rejects values that cannot be keys before any lookup', () => {
    for (const value of ['', 'gk_short', `xx_${'a'.repeat(32)}`, `gk_${'a'.repeat(31)}!`]) {
      assert.equal(isKeyShaped(value), false, value);
    }
  });

  it('hashes keys exactly as HMAC-SHA256 under the server secret', () => {
    for (const secret of [randomBytes(32), randomBytes(64), randomBytes(100)]) {
      const hasher = createKeyHasher(secret);
      const { key } = createKey();
      const expected = createHmac('sha256', secret).update(key).digest();
      assert.deepEqual(hasher.hashKey(key), expected);
      assert.equal(hasher.matches(key, expected), true);
      assert.equal(hasher.matches(createKey().key, expected), false);
    }
  });

  it('hashes values longer than a key the same way (the slower path)', () => {
    const secret = randomBytes(32);
    const long = 'gk_'.padEnd(100, 'x');
    assert.deepEqual(
      createKeyHasher(secret).hashKey(long),
      createHmac('sha256', secret).update(long).digest(),
    );
  });

  it('refuses a short secret', () => {
    assert.throws(() => createKeyHasher(randomBytes(16)), /at least 32 bytes/);
  });
});
