/**
 * `npm run keys -- <command>`: the admin API's operations from a terminal, on the same store.
 * Reads `GUICHET_SANDBOX_DIR` like the gateway, since both must open the same folder.
 */
import { z } from 'zod';
import { openKeyService } from '../gateway-stub/cli/open-key-service.ts';
import { keysOptions, keysUsage, runKeysCommand } from '../gateway-stub/cli/run-keys-command.ts';
import { sandboxDirVariable } from './lib/cli/command-variables.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { readCommandLine } from './lib/cli/read-command-line.ts';

const command = { name: 'keys', usage: keysUsage, options: keysOptions, positionals: true };

const output = {
  out: (line: string) => {
    process.stdout.write(`${line}\n`);
  },
  err: (line: string) => {
    process.stderr.write(`${line}\n`);
  },
};

const { values, positionals } = readCommandLine(command);
const [name = '', ...rest] = positionals;
if (name === 'help') {
  output.out(keysUsage);
  process.exit(0);
}
const env = readCommandEnvironment(
  command.name,
  z.object({ GUICHET_SANDBOX_DIR: sandboxDirVariable }),
);

try {
  const { db, ...services } = await openKeyService(values['data-dir'] ?? env.GUICHET_SANDBOX_DIR);
  const code = runKeysCommand({ name, positionals: rest, values }, services, output);
  db.close();
  process.exitCode = code;
} catch (error) {
  // An unexpected failure (unreadable store, broken snapshot): one line, no stack trace.
  output.err(`keys: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
