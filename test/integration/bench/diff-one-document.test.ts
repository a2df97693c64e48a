import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const child = resolve('bench/lib/diff/diff-one-document.ts');
const document = resolve(join('apis', 'jours-feries', 'openapi.yaml'));

interface Round {
  order: string[];
  identicalCpuMs: number;
  editedCpuMs: number;
}

describe("bench:diff's measuring process", () => {
  it('repeats the baseline and the edited comparison in alternating order, with CPU time', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', child, document, '4']);
    const measure = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      rounds?: Round[];
      unchanged?: number;
      changes?: number;
    };
    assert.deepEqual(
      measure.rounds?.map((round) => round.order.join(' ')),
      ['identical edited', 'edited identical', 'identical edited', 'edited identical'],
    );
    for (const round of measure.rounds ?? []) {
      assert.ok(round.identicalCpuMs >= 0 && Number.isFinite(round.identicalCpuMs));
      assert.ok(round.editedCpuMs >= 0 && Number.isFinite(round.editedCpuMs));
    }
    // The baseline finds nothing; the edits (one operation removed, one added, one required
    // parameter) are found in every round.
    assert.equal(measure.unchanged, 0);
    assert.ok((measure.changes ?? 0) >= 3);
  });
});
