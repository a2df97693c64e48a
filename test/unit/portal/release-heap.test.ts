import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

// In a process of its own, as the build script: a heap grown by data it has let go of.
const script = (module: string): string => `
  import { releaseHeap } from ${JSON.stringify(module)};
  let held = Array.from({ length: 2_000_000 }, (_, index) => ({ index, text: 'item ' + index }));
  const before = process.memoryUsage().heapTotal;
  held = undefined;
  releaseHeap();
  const after = process.memoryUsage().heapTotal;
  console.log(JSON.stringify({ before, after, gc: typeof globalThis.gc }));
`;

test('the build script gives the heap it let go of back to the system at once', async () => {
  const module = pathToFileURL(resolve('scripts/lib/portal/release-heap.ts')).href;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script(module)]);
  const { before, after, gc } = JSON.parse(stdout) as { before: number; after: number; gc: string };
  assert.ok(before > 150e6, `the data held ${String(before)} bytes`);
  assert.ok(after < before / 4, `the heap went from ${String(before)} to ${String(after)} bytes`);
  assert.equal(gc, 'undefined', 'the script itself gets no gc function');
});
