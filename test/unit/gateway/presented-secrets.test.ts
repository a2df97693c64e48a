import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdsSecret } from '../../../gateway-stub/http/presented-secrets.ts';

/** The definition, written the plain way: twelve running characters, or a whole shorter secret. */
function holdsSecretPlainly(text: string, secrets: readonly string[]): boolean {
  return secrets.some((secret) => {
    const width = Math.min(12, secret.length);
    for (let at = 0; at + width <= secret.length; at += 1) {
      if (text.includes(secret.slice(at, at + width))) return true;
    }
    return false;
  });
}

/** A fixed sequence of pseudo-random numbers, so a failure can be replayed. */
function createDraws(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 16) % below;
  };
}

describe('holdsSecret', () => {
  it('finds twelve running characters of a secret anywhere, as the plain definition does', () => {
    const draw = createDraws(7);
    // A small alphabet, so texts share runs with secrets by chance too.
    const alphabet = 'abc0123_-';
    const text = (length: number): string =>
      Array.from({ length }, () => alphabet[draw(alphabet.length)]).join('');
    let found = 0;
    for (let round = 0; round < 3_000; round += 1) {
      const secret = text(8 + draw(700));
      let haystack = text(draw(80));
      if (draw(2) === 0) {
        const width = Math.min(secret.length, 12 + draw(6));
        const at = draw(secret.length - width + 1);
        const cut = draw(haystack.length + 1);
        haystack = `${haystack.slice(0, cut)}${secret.slice(at, at + width)}${haystack.slice(cut)}`;
      }
      const expected = holdsSecretPlainly(haystack, [secret]);
      if (expected) found += 1;
      assert.equal(holdsSecret(haystack, [secret]), expected, `${haystack} / ${secret}`);
    }
    assert.ok(found > 1_000, 'the draws tried texts that hold a secret');
  });

  it('takes a whole secret shorter than twelve, and ignores texts too short to hold one', () => {
    assert.equal(holdsSecret('/x/abcdefghi/y', ['abcdefghi']), true);
    assert.equal(holdsSecret('/x/abcdefgh/y', ['abcdefghi']), false);
    assert.equal(holdsSecret('abc', ['abcdefghijklmnop']), false);
    assert.equal(holdsSecret('zzbcdefghijklmzz', ['abcdefghijklmnop']), true);
    assert.equal(holdsSecret('anything', []), false);
  });
});
