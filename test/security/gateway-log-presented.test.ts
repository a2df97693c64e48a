/**
 * The credentials a request presents, pasted into its path without any marker the log knows
 * (`gk_`, `gs_`, `eyJ`): the access log hides the segment all the same. The log line is written
 * once the answer is sent, after the gateway took `Authorization` off the request for the mock
 * server; what the request presented is what it presented when it arrived.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useFixtureGatewaySandbox } from './helpers/gateway-sandbox.ts';

const shared = useFixtureGatewaySandbox();

describe('a bearer token presented in Authorization and pasted into the path', () => {
  test('the token’s signature alone (no eyJ marker), lowercased, in a path segment', async () => {
    const signature = 'Q3JlZGVudGlhbFNpZ25hdHVyZTEyMzQ1Njc4OTBhYmNkZWY';
    const token = `eyJhbGciOiJub25lIn0.eyJzdWIiOiJwYXJ0bmVyIn0.${signature}`;
    const { key } = await shared.sandbox.issueKey({
      application: 'Journal',
      api: 'guichet-ouvert',
    });
    const response = await fetch(
      `${shared.sandbox.baseUrl}/guichet-ouvert/v1/demarches/${signature.toLowerCase()}`,
      { headers: { 'x-api-key': key, authorization: `Bearer ${token}` } },
    );
    await response.arrayBuffer();
    const log = shared.sandbox.readAccessLog();
    assert.ok(log.includes('/guichet-ouvert/v1/demarches/'), `the call was logged:\n${log}`);
    const lowered = log.toLowerCase();
    for (let at = 0; at + 12 <= signature.length; at += 1) {
      const run = signature.slice(at, at + 12).toLowerCase();
      assert.ok(!lowered.includes(run), `the token's signature is in the log:\n${log}`);
    }
  });
});
