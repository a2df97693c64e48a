/**
 * `npm run keys -- <command>`: the admin API's operations from a terminal, on the same store.
 * Reads `GUICHET_SANDBOX_DIR` and `GUICHET_DATABASE_URL` like the gateway, since both must open
 * the same store with the same secret, and `GUICHET_REDIS_URL` to announce its changes there.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { openKeyService } from '../gateway-stub/cli/open-key-service.ts';
import {
  keysOptions,
  keysUsage,
  readingKeysCommands,
  runKeysCommand,
} from '../gateway-stub/cli/run-keys-command.ts';
import { databaseUrlVariable } from '../catalog/postgres/database-url.ts';
import { redisPrefixVariable, redisUrlVariable } from '../gateway-stub/redis/redis-url.ts';
import { toStoreError } from '../catalog/sqlite/store-errors.ts';
import { databaseFileName } from '../gateway-stub/store/open-database.ts';
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
  z.object({
    GUICHET_SANDBOX_DIR: sandboxDirVariable,
    GUICHET_DATABASE_URL: databaseUrlVariable().optional(),
    GUICHET_REDIS_URL: redisUrlVariable().optional(),
    GUICHET_REDIS_PREFIX: redisPrefixVariable().optional(),
  }),
);

const dataDir = values['data-dir'] ?? env.GUICHET_SANDBOX_DIR;
try {
  const services = await openKeyService(dataDir, {
    reading: readingKeysCommands.has(name),
    databaseUrl: env.GUICHET_DATABASE_URL,
    redisUrl: env.GUICHET_REDIS_URL,
    redisPrefix: env.GUICHET_REDIS_PREFIX,
    onNotice: (line) => {
      output.err(`keys: ${line}`);
    },
  });
  try {
    process.exitCode = await runKeysCommand({ name, positionals: rest, values }, services, output);
  } finally {
    await services.close();
  }
} catch (error) {
  // An unexpected failure (damaged store, broken snapshot, PostgreSQL away): one line, no stack
  // trace; a damage SQLite finds only while reading is named like the one the check at opening
  // finds.
  const known = toStoreError(error, join(dataDir, databaseFileName));
  output.err(`keys: ${known instanceof Error ? known.message : String(known)}`);
  process.exitCode = 1;
}
