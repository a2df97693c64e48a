/**
 * `npm run lint:apis [-- --format text|json|github-actions]`: everything a reviewer checks in
 * `apis/`, without building the portal. Exits 1 when any finding is an error.
 */
import { z } from 'zod';
import { apisDirVariable } from './lib/cli/command-variables.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { exitWithUsage, readCommandLine } from './lib/cli/read-command-line.ts';
import {
  findingFormats,
  formatFindings,
  countFindings,
  type FindingFormat,
} from './lib/lint/format-findings.ts';
import { lintApis } from './lib/lint/lint-apis.ts';

const command = {
  name: 'lint:apis',
  usage: `Usage: npm run lint:apis -- [options]

Checks apis/ as a reviewer would, without building the portal: the catalog's validation,
Redocly's rules (redocly.yaml) and guichet's metadata rules, each finding with file:line.
Exits 1 when a finding is an error.

  --format ${findingFormats.join('|')}   how findings are printed (default text)
  --apis-dir <dir>                    the APIs folder (APIS_DIR, default apis)
  --config <file>                     Redocly's configuration (default redocly.yaml)
  -h, --help                          show this help`,
  options: {
    format: { type: 'string', default: 'text' },
    'apis-dir': { type: 'string' },
    config: { type: 'string', default: 'redocly.yaml' },
  },
} as const;

const { values } = readCommandLine(command);
const env = readCommandEnvironment(command.name, z.object({ APIS_DIR: apisDirVariable }));
if (!isFindingFormat(values.format)) {
  exitWithUsage(
    command,
    `--format must be one of ${findingFormats.join(', ')} (got "${values.format}")`,
  );
}

const findings = await lintApis({
  apisDir: values['apis-dir'] ?? env.APIS_DIR,
  redoclyConfig: values.config,
  today: new Date().toISOString().slice(0, 10),
});
console.log(formatFindings(findings, values.format));
process.exitCode = countFindings(findings).errors > 0 ? 1 : 0;

function isFindingFormat(value: string): value is FindingFormat {
  return (findingFormats as readonly string[]).includes(value);
}
