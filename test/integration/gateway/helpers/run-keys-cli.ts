import { execFile } from 'node:child_process';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', '..', '..', '..', 'scripts', 'manage-keys.ts');

/** What one run of `npm run keys` printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the keys CLI in a separate Node 24 process on `dataDir`, as an administrator would,
 * with `env` added to its environment (`GUICHET_DATABASE_URL` for the store on PostgreSQL).
 */
export function runKeysCli(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args, '--data-dir', dataDir],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
