import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toLoggedPath } from '../../../gateway-stub/observe/logged-path.ts';

const key = 'gk_Ab3dEf9hIjKlMnOpQrStUvWxYz012345';

describe('toLoggedPath', () => {
  it('drops the query string and keeps a path without a key as it was sent', () => {
    assert.equal(toLoggedPath(`/colis/v2/parcels?apikey=${key}`), '/colis/v2/parcels');
    assert.equal(toLoggedPath('/colis/v2/a%20b/%C3%A9t%C3%A9'), '/colis/v2/a%20b/%C3%A9t%C3%A9');
    assert.equal(toLoggedPath('/colis/v2/gk_short'), '/colis/v2/gk_short');
  });

  it('hides a key in a segment, as it is or however percent-encoded', () => {
    const encoded = key.replace(/./g, (char) => `%${char.charCodeAt(0).toString(16)}`);
    for (const segment of [
      key,
      `%67${key.slice(1)}`,
      `gk%5F${key.slice(3)}`,
      encoded,
      encoded.replaceAll('%', '%25'),
    ]) {
      assert.equal(toLoggedPath(`/colis/v2/echo/${segment}/x`), '/colis/v2/echo/gk_(hidden)/x');
    }
  });

  it('keeps the rest of a segment that held a key, escaped where a segment needs it', () => {
    assert.equal(
      toLoggedPath(`/colis/v2/echo/id%3D%67${key.slice(1)}%2Fend%20x`),
      '/colis/v2/echo/id=gk_(hidden)%2Fend%20x',
    );
    assert.equal(toLoggedPath(`/colis/v2/a%20b/${key}`), '/colis/v2/a%20b/gk_(hidden)');
  });
});
