import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGatewayOptions } from '../../../gateway-stub/gateway-options.ts';
import { parseGatewayEnv } from '../../../gateway-stub/server-env.ts';

describe("the gateway's environment", () => {
  it('takes the audience of the portal it serves from GUICHET_AUDIENCE, public unless said', () => {
    const unset = parseGatewayEnv({});
    assert.ok(unset.ok);
    assert.equal(unset.settings.options.audience, undefined);
    assert.equal(
      parseGatewayOptions({ catalog: { audience: 'internal', apis: [] } }).audience,
      'public',
    );
    const partners = parseGatewayEnv({ GUICHET_AUDIENCE: 'partners' });
    assert.ok(partners.ok);
    assert.equal(partners.settings.options.audience, 'partners');
  });

  it('names an audience it does not know, with the values it takes', () => {
    const wrong = parseGatewayEnv({ GUICHET_AUDIENCE: 'everyone' });
    assert.ok(!wrong.ok);
    assert.equal(wrong.problems.length, 1);
    assert.match(wrong.problems[0] ?? '', /^GUICHET_AUDIENCE — .*"public"\|"partners"\|"internal"/);
  });
});

describe('several mock servers', () => {
  it('takes a comma-separated list in GUICHET_UPSTREAM_URL, and one URL as before', () => {
    const one = parseGatewayEnv({ GUICHET_UPSTREAM_URL: 'http://127.0.0.1:4010' });
    assert.ok(one.ok);
    assert.deepEqual(
      parseGatewayOptions({ catalog: { audience: 'internal', apis: [] }, ...one.settings.options })
        .upstreamUrl,
      ['http://127.0.0.1:4010'],
    );
    const two = parseGatewayEnv({
      GUICHET_UPSTREAM_URL: 'http://10.0.0.1:4010, http://10.0.0.2:4010,',
    });
    assert.ok(two.ok);
    assert.deepEqual(
      parseGatewayOptions({ catalog: { audience: 'internal', apis: [] }, ...two.settings.options })
        .upstreamUrl,
      ['http://10.0.0.1:4010', 'http://10.0.0.2:4010'],
    );
    assert.deepEqual(
      parseGatewayOptions({ catalog: { audience: 'internal', apis: [] } }).upstreamUrl,
      ['http://127.0.0.1:4010'],
    );
  });

  it('takes a list of origins in the option too, as an array or as one string', () => {
    const catalog = { audience: 'internal' as const, apis: [] };
    const origins = ['http://10.0.0.1:4010', 'https://mock.example.gouv.fr'];
    assert.deepEqual(parseGatewayOptions({ catalog, upstreamUrl: origins }).upstreamUrl, origins);
    assert.deepEqual(
      parseGatewayOptions({ catalog, upstreamUrl: origins.join(',') }).upstreamUrl,
      origins,
    );
  });

  it('names the entry of the list that is not an http(s) origin, or one given twice', () => {
    const wrong = parseGatewayEnv({ GUICHET_UPSTREAM_URL: 'http://10.0.0.1:4010,ftp://mock' });
    assert.ok(!wrong.ok);
    assert.deepEqual(wrong.problems, [
      'GUICHET_UPSTREAM_URL — "ftp://mock" is not an http:// or https:// origin such as http://127.0.0.1:4010 — fix or unset this variable',
    ]);
    const path = parseGatewayEnv({ GUICHET_UPSTREAM_URL: 'http://10.0.0.1:4010/colis' });
    assert.ok(!path.ok);
    assert.match(path.problems[0] ?? '', /"http:\/\/10\.0\.0\.1:4010\/colis" is not an http/);
    const twice = parseGatewayEnv({
      GUICHET_UPSTREAM_URL: 'http://10.0.0.1:4010,http://10.0.0.1:4010/',
    });
    assert.ok(!twice.ok);
    assert.deepEqual(twice.problems, [
      'GUICHET_UPSTREAM_URL — http://10.0.0.1:4010 is listed twice — fix or unset this variable',
    ]);
    const empty = parseGatewayEnv({ GUICHET_UPSTREAM_URL: ' , ' });
    assert.ok(!empty.ok);
    assert.match(empty.problems[0] ?? '', /^GUICHET_UPSTREAM_URL — names no mock server/);
  });
});
