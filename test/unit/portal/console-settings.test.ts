import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseStoredKeys,
  readStoredKey,
  storedKeysName,
  toKeyHint,
  toStoredKeysName,
} from '../../../site/scripts/sandbox-keys.ts';
import { toScalarConfiguration } from '../../../site/scripts/scalar-configuration.ts';

describe('stored sandbox keys', () => {
  test('read the JSON object written under guichet:keys', () => {
    assert.equal(storedKeysName, 'guichet:keys');
    assert.deepEqual(parseStoredKeys('{"tax":"gk_abc","bad":3,"empty":" "}'), { tax: 'gk_abc' });
  });

  test('keep the keys of each preview (base path) apart, since each has its own sandbox', () => {
    assert.equal(toStoredKeysName('/'), 'guichet:keys');
    assert.equal(toStoredKeysName('/feature-x/'), 'guichet:keys:/feature-x/');
    assert.notEqual(toStoredKeysName('/main/'), toStoredKeysName('/feature-x/'));
  });

  test('treat anything malformed as no key', () => {
    for (const raw of [null, undefined, '', 'not json', '[]', '"gk"', 'null']) {
      assert.deepEqual(parseStoredKeys(raw), {});
    }
  });

  test('read one API’s key, even when storage is unavailable', () => {
    const storage = {
      getItem: (name: string) => (name === storedKeysName ? '{"tax":"gk_1"}' : null),
    };
    assert.equal(readStoredKey(storage, 'tax'), 'gk_1');
    assert.equal(readStoredKey(storage, 'other'), undefined);
    assert.equal(readStoredKey(undefined, 'tax'), undefined);
    const blocked = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
    };
    assert.equal(readStoredKey(blocked, 'tax'), undefined);
  });

  test('show only the start of a key', () => {
    assert.equal(toKeyHint('gk_AbCdEfGhIjKl'), 'gk_AbCd…');
    assert.equal(toKeyHint('short'), '…');
  });
});

describe('console configuration', () => {
  const configure = (key: string | undefined): Record<string, unknown> =>
    toScalarConfiguration({
      documentUrl: '/apis/tax/v2/openapi.json',
      sandboxUrl: 'http://127.0.0.1:8000/tax/v2',
      readKey: () => key,
    });

  test('point at the bundled document and offer only the sandbox', () => {
    const configuration = configure(undefined);
    assert.equal(configuration.url, '/apis/tax/v2/openapi.json');
    assert.deepEqual(configuration.servers, [
      { url: 'http://127.0.0.1:8000/tax/v2', description: 'guichet sandbox' },
    ]);
  });

  test('turn off everything that would reach another host', () => {
    const configuration = configure(undefined);
    assert.equal(configuration.withDefaultFonts, false);
    assert.equal(configuration.hideClientButton, true);
    assert.equal(configuration.showDeveloperTools, 'never');
    assert.deepEqual(configuration.agent, { disabled: true });
    assert.deepEqual(configuration.mcp, { disabled: true });
    assert.equal(configuration.telemetry, false);
    assert.equal('proxyUrl' in configuration, false);
  });

  test('send the stored key in X-Api-Key unless the request already has one', () => {
    const hook = configure('gk_secret').onRequestBuilt as (input: { request: Request }) => void;
    const request = new Request('http://127.0.0.1:8000/tax/v2/declarations');
    hook({ request });
    assert.equal(request.headers.get('X-Api-Key'), 'gk_secret');

    const typed = new Request('http://127.0.0.1:8000/tax/v2/declarations', {
      headers: { 'X-Api-Key': 'gk_typed' },
    });
    hook({ request: typed });
    assert.equal(typed.headers.get('X-Api-Key'), 'gk_typed');

    const withoutKey = configure(undefined).onRequestBuilt as (input: { request: Request }) => void;
    const bare = new Request('http://127.0.0.1:8000/tax/v2/declarations');
    withoutKey({ request: bare });
    assert.equal(bare.headers.has('X-Api-Key'), false);
  });
});
