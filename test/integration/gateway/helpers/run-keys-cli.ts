import { execFile } from 'node:child_process';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', '..', '..', '..', 'scripts', 'manage-keys.ts');

/** What one run of `npm run keys` printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the keys CLI in a separate Node 24 process on `dataDir`, as an administrator would. */
export function runKeysCli(dataDir: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args, '--data-dir', dataDir], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
