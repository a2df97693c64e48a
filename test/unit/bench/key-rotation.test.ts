import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKeyRotation } from '../../../bench/lib/gateway/key-rotation.ts';

describe("the load generator's key rotation", () => {
  it('hands out every key in turn and starts over', () => {
    const rotation = createKeyRotation(['k1', 'k2', 'k3']);
    assert.deepEqual(
      Array.from({ length: 7 }, () => rotation.next()),
      ['k1', 'k2', 'k3', 'k1', 'k2', 'k3', 'k1'],
    );
  });

  it('goes on where it stopped, so a key comes back only after all the others', () => {
    const rotation = createKeyRotation(['k1', 'k2', 'k3', 'k4']);
    rotation.next();
    rotation.next();
    // A later slice of the same pool continues the turn instead of starting from k1 again.
    assert.equal(rotation.next(), 'k3');
  });

  it('refuses an empty pool rather than sending requests without a key', () => {
    assert.throws(() => createKeyRotation([]), /at least one key/);
  });
});

describe("the load generator's credential pools", () => {
  it('sends keys in X-Api-Key, and tokens as Authorization: Bearer', () => {
    assert.equal(createKeyRotation(['gk_1']).header, 'x-api-key');
    const tokens = createKeyRotation(['eyJ.a.b'], 'token');
    assert.equal(tokens.header, 'authorization');
    assert.equal(tokens.next(), 'Bearer eyJ.a.b');
  });
});
