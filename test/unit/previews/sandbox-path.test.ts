import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toOriginForm, toSandboxPath } from '../../../scripts/lib/previews/to-sandbox-path.ts';

describe('a preview’s sandbox path', () => {
  test('is kept as written when it stays under the gateway’s root', () => {
    assert.equal(toSandboxPath(''), '/');
    assert.equal(toSandboxPath('?x=1'), '/?x=1');
    assert.equal(
      toSandboxPath('/postal-codes/v1/communes?codePostal=69001'),
      '/postal-codes/v1/communes?codePostal=69001',
    );
    assert.equal(toSandboxPath('/postal-codes/v1/'), '/postal-codes/v1/');
    // An encoded slash inside a segment is a path parameter's business, not a new segment.
    assert.equal(toSandboxPath('/tax/v1/files/a%2Fb'), '/tax/v1/files/a%2Fb');
    // Anything may follow in the query, which never becomes a host.
    assert.equal(toSandboxPath('/tax/v1/x?next=//elsewhere/..'), '/tax/v1/x?next=//elsewhere/..');
  });

  test('is refused when it holds an empty segment, a backslash or a dot segment', () => {
    for (const rest of [
      '//127.0.0.1:4010/x',
      '/\\127.0.0.1/x',
      '/%2F127.0.0.1/x',
      '/tax/%5Cx',
      '/tax/v1//x',
      '/../x',
      '/tax/./v1',
      '/%2e%2E/x',
      '/tax/v1/.%2e',
      'x',
    ]) {
      assert.equal(toSandboxPath(rest), undefined, rest);
    }
  });
});

describe('a request target', () => {
  const own = ['127.0.0.1:4010', 'Previews.example'];

  test('in origin-form is kept; in absolute-form naming this server loses its authority', () => {
    assert.equal(toOriginForm('/main/_sandbox/x?y', own), '/main/_sandbox/x?y');
    assert.equal(toOriginForm('http://127.0.0.1:4010/main/x', own), '/main/x');
    assert.equal(toOriginForm('HTTPS://previews.EXAMPLE', own), '/');
    assert.equal(toOriginForm('http://127.0.0.1:4010?x', own), '/?x');
  });

  test('in absolute-form naming another host, port or a user is refused', () => {
    assert.equal(toOriginForm('http://evil.example/main/', own), undefined);
    assert.equal(toOriginForm('http://127.0.0.1:4011/main/', own), undefined);
    assert.equal(toOriginForm('http://127.0.0.1:4010@evil.example/', own), undefined);
    assert.equal(toOriginForm('http://user@127.0.0.1:4010/', own), undefined);
  });

  test('in another form is refused', () => {
    assert.equal(toOriginForm('*', own), undefined);
    assert.equal(toOriginForm('127.0.0.1:4010', own), undefined);
    assert.equal(toOriginForm('ftp://host/x', own), undefined);
  });
});
