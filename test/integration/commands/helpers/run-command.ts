import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What one run of a command printed, and how it ended. */
export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An npm script that runs one of guichet's commands: `node <file>`. */
export interface NpmCommand {
  /** The script's name: `lint:apis`, `start`. */
  name: string;
  file: string;
}

/** Every script of package.json that is `node <file>.ts`: guichet's own commands. */
export function listNpmCommands(): NpmCommand[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
    scripts: Record<string, string>;
  };
  return Object.entries(scripts).flatMap(([name, line]) => {
    const file = /^node (\S+\.ts)$/.exec(line)?.[1];
    return file === undefined ? [] : [{ name, file }];
  });
}

/** Variables a developer's shell may hold that would change what a command prints. */
const settingPattern = /^(?:GUICHET_|MOCK_|APIS_DIR$)/;

/**
 * Runs `node <file> <args>` from the repository's root, as `npm run` does, with this Node and
 * an environment free of guichet's settings but for `env`; resolves when it exits by itself.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CommandRun> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !settingPattern.test(name)),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { env: { ...base, ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
