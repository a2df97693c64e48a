/**
 * `npm run store -- migrate --to <postgres://…>`: copies the sandbox's SQLite store into
 * PostgreSQL, so a pilot on one host grows into gateways on several (`GUICHET_DATABASE_URL`).
 * Idempotent: a second run copies the same rows again and changes nothing more.
 */
import { z } from 'zod';
import { databaseUrlShape, databaseUrlVariable } from '../catalog/postgres/database-url.ts';
import { sandboxDirVariable } from './lib/cli/command-variables.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import {
  exitWithSettingsProblems,
  exitWithUsage,
  readCommandLine,
} from './lib/cli/read-command-line.ts';
import { migrateStore, MigrateStoreError } from './lib/store/migrate-store.ts';
import { secretFileName } from '../gateway-stub/store/data-files.ts';

const command = {
  name: 'store',
  usage: `Usage: npm run store -- migrate --to <postgres://…> [--data-dir <dir>]

Copies the sandbox's SQLite store — consumers, keys, subscriptions, client credentials,
revoked tokens, signing keys and usage — into PostgreSQL, for gateways on several hosts to
share (GUICHET_DATABASE_URL). Stop the gateway first. Running it again copies the same rows
again and changes nothing more. Each table's rows are counted in both stores and printed.

  --to <url>         the database (${databaseUrlShape}); default $GUICHET_DATABASE_URL
  --data-dir <dir>   the sandbox's data folder (default: $GUICHET_SANDBOX_DIR or .guichet/sandbox)
  -h, --help         show this help

Every gateway on the database, and \`npm run keys\` on any host, then needs this data folder's
${secretFileName}: copy it to each instance's data folder.`,
  options: {
    to: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  positionals: true,
} as const;

const { values, positionals } = readCommandLine(command);
const env = readCommandEnvironment(
  command.name,
  z.object({
    GUICHET_SANDBOX_DIR: sandboxDirVariable,
    GUICHET_DATABASE_URL: databaseUrlVariable().optional(),
  }),
);
const [name = '', ...rest] = positionals;
if (name !== 'migrate') {
  exitWithUsage(command, name === '' ? 'name a command: migrate' : `unknown command "${name}"`);
}
if (rest.length > 0) exitWithUsage(command, `unexpected argument "${rest[0] ?? ''}"`);
const given = values.to ?? env.GUICHET_DATABASE_URL;
if (given === undefined) {
  exitWithUsage(command, 'migrate needs --to <postgres://…>, the database to copy the store into');
}
const url = databaseUrlVariable().safeParse(given);
if (!url.success) {
  // The value is not echoed: it may hold a password.
  exitWithSettingsProblems(command, [
    `--to — ${url.error.issues[0]?.message ?? 'is not a postgres:// URL'} — give the database the gateways will share`,
  ]);
}
const dataDir = values['data-dir'] ?? env.GUICHET_SANDBOX_DIR;

try {
  const migrated = await migrateStore(dataDir, url.data);
  process.stdout.write(`store: copied ${migrated.from} into PostgreSQL at ${migrated.to}\n`);
  for (const table of migrated.tables) {
    process.stdout.write(
      `  ${table.table.padEnd(17)} ${String(table.source).padStart(8)} in SQLite  ${String(table.written).padStart(8)} written  ${String(table.target).padStart(8)} in PostgreSQL\n`,
    );
  }
  process.stdout.write(
    `store: verified — every row of the SQLite store is in PostgreSQL. Every gateway on this database needs ${dataDir}/${secretFileName}: copy it to each instance's data folder, then start them with GUICHET_DATABASE_URL.\n`,
  );
} catch (error) {
  // One line, no stack trace: what failed, where, and what to do.
  const message =
    error instanceof MigrateStoreError
      ? error.message
      : `${dataDir} — store — ${error instanceof Error ? error.message : String(error)} — run the command again, or report it`;
  process.stderr.write(`store: ${message}\n`);
  process.exitCode = 1;
}
