import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRestartPolicy } from '../../../scripts/lib/sandbox/index.ts';
import { toRestartDelay } from '../../../scripts/lib/sandbox/supervise-child.ts';

describe('the sandbox launcher’s restart back-off', () => {
  it('waits 0.5 s, then doubles up to 30 s', () => {
    const delays = Array.from({ length: 10 }, (_, attempt) =>
      toRestartDelay(attempt, defaultRestartPolicy),
    );
    assert.deepEqual(
      delays,
      [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000],
    );
  });
});
