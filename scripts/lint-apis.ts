/**
 * `npm run lint:apis [-- --format text|json|github-actions]`: everything a reviewer checks in
 * `apis/`, without building the portal. Exits 1 when any finding is an error.
 */
import { parseArgs } from 'node:util';
import {
  findingFormats,
  formatFindings,
  countFindings,
  type FindingFormat,
} from './lib/lint/format-findings.ts';
import { lintApis } from './lib/lint/lint-apis.ts';

const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'text' },
    'apis-dir': { type: 'string', default: process.env.APIS_DIR ?? 'apis' },
    config: { type: 'string', default: 'redocly.yaml' },
  },
});

if (!(findingFormats as readonly string[]).includes(values.format)) {
  console.error(`--format must be one of ${findingFormats.join(', ')} (got "${values.format}")`);
  process.exit(2);
}

const findings = await lintApis({
  apisDir: values['apis-dir'],
  redoclyConfig: values.config,
  today: new Date().toISOString().slice(0, 10),
});
console.log(formatFindings(findings, values.format as FindingFormat));
process.exitCode = countFindings(findings).errors > 0 ? 1 : 0;
