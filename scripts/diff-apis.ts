/**
 * `npm run diff -- --base <git-ref>`: compares every API changed since `base`, classifies each
 * change breaking or not, prints a Markdown report for the pull request, and exits 1 when a
 * stable API breaks without a new major version (per the API's `breakingChanges` policy).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatProblem } from '../catalog/index.ts';
import { formatReport, hasBlockingViolations } from './lib/diff/format-report.ts';
import { runDiff } from './lib/diff/run-diff.ts';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    'apis-dir': { type: 'string', default: process.env.APIS_DIR ?? 'apis' },
    format: { type: 'string', default: 'markdown' },
    output: { type: 'string' },
  },
});

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

const report =
  values.format === 'json'
    ? JSON.stringify({ base: values.base, apis: outcome.diffs }, null, 2)
    : formatReport(outcome.diffs, { base: values.base, usageDays: 30 });
if (values.output) await writeFile(values.output, `${report}\n`);
console.log(report);
process.exitCode = hasBlockingViolations(outcome.diffs) ? 1 : 0;
