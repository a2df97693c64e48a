import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = resolve('scripts/generate-codeowners.ts');

async function generate(
  apisDir: string,
  output: string,
  check = false,
): Promise<{ code: number; output: string }> {
  const args = [cli, '--apis-dir', apisDir, '--output', output, ...(check ? ['--check'] : [])];
  try {
    const { stdout } = await run(process.execPath, args);
    return { code: 0, output: stdout };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, output: stderr };
  }
}

describe('CODEOWNERS follows the owners declared in api.yaml', () => {
  let scratch: string;
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'guichet-codeowners-'));
    await cp('test/fixtures/catalog/valid', join(scratch, 'apis'), { recursive: true });
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  test('each API with reviewers owns its folder and its sandbox stubs', async () => {
    const output = join(scratch, 'CODEOWNERS');
    assert.equal((await generate(join(scratch, 'apis'), output)).code, 0);
    const text = await readFile(output, 'utf8');
    assert.match(text, /^\* @guichet\/portal-team$/m);
    assert.match(
      text,
      /^# Company registry — Registry team\n\/.*\/apis\/company-registry\/ @example\/registry\n\/mocks\/company-registry\/ @example\/registry$/m,
    );
    assert.equal((await generate(join(scratch, 'apis'), output, true)).code, 0);
  });

  test('the check fails once an owner changes and the file was not regenerated', async () => {
    const output = join(scratch, 'CODEOWNERS');
    await generate(join(scratch, 'apis'), output);
    const metadata = join(scratch, 'apis/company-registry/api.yaml');
    await writeFile(
      metadata,
      (await readFile(metadata, 'utf8')).replace('@example/registry', '@example/registry-new'),
    );
    const { code, output: message } = await generate(join(scratch, 'apis'), output, true);
    assert.equal(code, 1);
    assert.match(
      message,
      /has drifted from the owners in api\.yaml: run `npm run generate:codeowners` and commit it/,
    );
  });
});
