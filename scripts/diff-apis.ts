/**
 * `npm run diff -- --base <git-ref>`: compares every API changed since `base`, classifies each
 * change breaking or not, prints a Markdown report for the pull request, and exits 1 when a
 * stable API breaks without a new major version (per the API's `breakingChanges` policy).
 * With `--store` (default: the sandbox's store), each change names how many sandbox consumers
 * called the affected operation in the last 30 days.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../catalog/index.ts';
import { countConsumersByOperation } from '../gateway-stub/index.ts';
import { formatReport, hasBlockingViolations } from './lib/diff/format-report.ts';
import { runDiff } from './lib/diff/run-diff.ts';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    'apis-dir': { type: 'string', default: process.env.APIS_DIR ?? 'apis' },
    format: { type: 'string', default: 'markdown' },
    output: { type: 'string' },
    store: {
      type: 'string',
      default: join(process.env.GUICHET_SANDBOX_DIR ?? '.guichet/sandbox', 'gateway.sqlite'),
    },
  },
});

/** How far back sandbox usage counts when naming who a breaking change would break. */
const usageDays = 30;

if (!values.base) {
  console.error(
    '--base is required: the git ref to compare with, e.g. npm run diff -- --base origin/main',
  );
  process.exit(2);
}
if (values.format !== 'markdown' && values.format !== 'json') {
  console.error(`--format must be markdown or json (got "${values.format}")`);
  process.exit(2);
}

const outcome = await runDiff({ base: values.base, apisDir: values['apis-dir'] });
if (outcome.status === 'unknown-base') {
  console.error(
    `${values.base} is not a commit git knows — fetch it first (git fetch origin main)`,
  );
  process.exit(2);
}
if (outcome.status === 'invalid') {
  for (const problem of outcome.problems) console.error(formatProblem(problem));
  console.error('The changed APIs do not build; fix the problems above before comparing.');
  process.exit(1);
}

const since = new Date(Date.now() - usageDays * 86_400_000).toISOString().slice(0, 10);
const usage = countConsumersByOperation(values.store, since);
const report =
  values.format === 'json'
    ? JSON.stringify({ base: values.base, apis: outcome.diffs }, null, 2)
    : formatReport(outcome.diffs, { base: values.base, usageDays, ...(usage ? { usage } : {}) });
if (values.output) await writeFile(values.output, `${report}\n`);
console.log(report);
process.exitCode = hasBlockingViolations(outcome.diffs) ? 1 : 0;
