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
