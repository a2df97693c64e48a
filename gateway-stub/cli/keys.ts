/**
 * `npm run keys -- <command>`: the admin API's operations from a terminal, on the same store.
 * Reads `GUICHET_SANDBOX_DIR` like the gateway, since both must open the same folder.
 */
import { keysUsage, parseKeysArgs, runKeysCommand, UsageError } from './run-keys-command.ts';
import { openKeyService } from './open-key-service.ts';

const output = {
  out: (line: string) => {
    process.stdout.write(`${line}\n`);
  },
  err: (line: string) => {
    process.stderr.write(`${line}\n`);
  },
};

let command;
try {
  command = parseKeysArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  output.err(`keys: ${error.message}\n\n${keysUsage}`);
  process.exit(2);
}
if (command.values.help === true || command.name === 'help') {
  output.out(keysUsage);
  process.exit(0);
}

const dataDir = command.values['data-dir'] ?? process.env.GUICHET_SANDBOX_DIR ?? '.guichet/sandbox';
try {
  const { keys, db } = await openKeyService(dataDir);
  const code = runKeysCommand(command, keys, output);
  db.close();
  process.exitCode = code;
} catch (error) {
  // An unexpected failure (unreadable store, broken snapshot): one line, no stack trace.
  output.err(`keys: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
