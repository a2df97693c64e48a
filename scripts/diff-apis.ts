/**
 * `npm run diff -- --base <git-ref>`: compares every API changed since `base`, classifies each
 * change breaking or not, prints a Markdown report for the pull request, and exits 1 when a
 * stable API breaks without a new major version (per the API's `breakingChanges` policy).
 * With `--store` (default: the sandbox's store, in PostgreSQL when `GUICHET_DATABASE_URL` names
 * one), each change names how many sandbox consumers called the affected operation in the last
 * 30 days.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { formatProblem } from '../catalog/index.ts';
import { databaseUrlVariable } from '../catalog/postgres/database-url.ts';
import { readConsumersByOperation } from '../gateway-stub/index.ts';
import { apisDirVariable, sandboxDirVariable } from './lib/cli/command-variables.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { exitWithUsage, readCommandLine } from './lib/cli/read-command-line.ts';
import { formatReport, hasBlockingViolations } from './lib/diff/format-report.ts';
import { runDiff } from './lib/diff/run-diff.ts';

const command = {
  name: 'diff',
  usage: `Usage: npm run diff -- --base <git-ref> [options]

Compares every API changed since <git-ref> and classifies each change breaking or not, as a
Markdown report for the pull request. Exits 1 when a stable API breaks without a new major
version.

  --base <git-ref>          what to compare with, e.g. origin/main (required)
  --apis-dir <dir>          the APIs folder (APIS_DIR, default apis)
  --format markdown|json    the report's form (default markdown)
  --output <file>           also write the report to this file
  --store <file|url>        the sandbox's store, to count who calls each changed operation:
                            a SQLite file or a postgres:// URL (default $GUICHET_DATABASE_URL,
                            else $GUICHET_SANDBOX_DIR/gateway.sqlite, .guichet/sandbox)
  -h, --help                show this help`,
  options: {
    base: { type: 'string' },
    'apis-dir': { type: 'string' },
    format: { type: 'string', default: 'markdown' },
    output: { type: 'string' },
    store: { type: 'string' },
  },
} as const;

const { values } = readCommandLine(command);
const env = readCommandEnvironment(
  command.name,
  z.object({
    APIS_DIR: apisDirVariable,
    GUICHET_SANDBOX_DIR: sandboxDirVariable,
    GUICHET_DATABASE_URL: databaseUrlVariable().optional(),
  }),
);

/** How far back sandbox usage counts when naming who a breaking change would break. */
const usageDays = 30;

if (!values.base) {
  exitWithUsage(
    command,
    '--base is required: the git ref to compare with, e.g. --base origin/main',
  );
}
if (values.format !== 'markdown' && values.format !== 'json') {
  exitWithUsage(command, `--format must be markdown or json (got "${values.format}")`);
}

const outcome = await runDiff({ base: values.base, apisDir: values['apis-dir'] ?? env.APIS_DIR });
if (outcome.status === 'unknown-base') {
  console.error(
    `diff: ${values.base} is not a commit git knows — fetch it first (git fetch origin main)`,
  );
  process.exit(2);
}
if (outcome.status === 'invalid') {
  for (const problem of outcome.problems) console.error(formatProblem(problem));
  console.error('The changed APIs do not build; fix the problems above before comparing.');
  process.exit(1);
}

const since = new Date(Date.now() - usageDays * 86_400_000).toISOString().slice(0, 10);
const usage = await readConsumersByOperation(
  values.store ?? env.GUICHET_DATABASE_URL ?? join(env.GUICHET_SANDBOX_DIR, 'gateway.sqlite'),
  since,
);
const report =
  values.format === 'json'
    ? JSON.stringify({ base: values.base, apis: outcome.diffs }, null, 2)
    : formatReport(outcome.diffs, { base: values.base, usageDays, ...(usage ? { usage } : {}) });
if (values.output) await writeFile(values.output, `${report}\n`);
console.log(report);
process.exitCode = hasBlockingViolations(outcome.diffs) ? 1 : 0;
