/**
 * Reviewers reach a preview's sandbox through the previews server, so its gateway sees every
 * call come from the previews server: it must hear who the reviewer is from it (the previews
 * server's X-Forwarded-For, trusted by the preview sandboxes it starts), and never from the
 * reviewer (a forged X-Forwarded-For). Counted with the trial-key limit (50 an hour), through
 * the real previews server and its real preview sandbox.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startPreviewsFixture, type PreviewsFixture } from './helpers/previews-fixture.ts';

const trialKeysPerHour = 50;
let previews: PreviewsFixture;

before(async () => {
  previews = await startPreviewsFixture(['main']);
});

after(async () => {
  await previews.close();
});

/** Asks for a trial key through the previews server, from `localAddress` (any of 127/8). */
function askTrialKey(localAddress: string, forwardedFor?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: previews.port,
        path: '/main/_sandbox/_guichet/trial-keys',
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          connection: 'close',
          ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          resolve(response.statusCode ?? 0);
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(
      JSON.stringify({
        application: 'Relecture',
        email: 'relecture@example.org',
        api: 'postal-codes',
        acceptTerms: true,
      }),
    );
  });
}

describe('the previews server tells a preview’s gateway who the reviewer is', () => {
  test('a reviewer forging a new X-Forwarded-For on every call still counts as one', async () => {
    for (let index = 0; index < trialKeysPerHour; index += 1) {
      assert.equal(await askTrialKey('127.0.0.2', `198.51.100.${String(index)}`), 201);
    }
    assert.equal(await askTrialKey('127.0.0.2', '198.51.100.200'), 429);
    assert.equal(await askTrialKey('127.0.0.2', '198.51.100.201, 127.0.0.1'), 429);
  });

  test('another reviewer is not refused for the first one’s keys', async () => {
    assert.equal(await askTrialKey('127.0.0.3'), 201);
  });
});
