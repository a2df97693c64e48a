/**
 * `npm run generate:codeowners [-- --check]`: writes CODEOWNERS from the metadata's owners;
 * `--check` fails when the committed file has drifted from them (CI runs it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatProblem, loadCatalog } from '../catalog/index.ts';
import { apisDirVariable } from './lib/cli/command-variables.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { readCommandLine } from './lib/cli/read-command-line.ts';
import { renderCodeowners } from './lib/codeowners/render-codeowners.ts';

const command = {
  name: 'generate:codeowners',
  usage: `Usage: npm run generate:codeowners [-- options]

Writes CODEOWNERS from the owners in each api.yaml, so an API's reviewers are asked to review
changes to its folder.

  --check             write nothing; exit 1 when the file has drifted from the owners (CI)
  --apis-dir <dir>    the APIs folder (APIS_DIR, default apis)
  --output <file>     the file written or checked (default CODEOWNERS)
  -h, --help          show this help`,
  options: {
    check: { type: 'boolean', default: false },
    'apis-dir': { type: 'string' },
    output: { type: 'string', default: 'CODEOWNERS' },
  },
} as const;

const line = readCommandLine(command);
const env = readCommandEnvironment(command.name, z.object({ APIS_DIR: apisDirVariable }));
const values = { ...line.values, 'apis-dir': line.values['apis-dir'] ?? env.APIS_DIR };

const packageJson = JSON.parse(await readFile('package.json', 'utf8')) as {
  guichet?: { defaultReviewers?: string[] };
};
const result = await loadCatalog({ apisDir: values['apis-dir'], audience: 'internal' });
if (result.failed) {
  for (const problem of result.problems) console.error(formatProblem(problem));
  process.exit(1);
}
const text = renderCodeowners(result.catalog, {
  defaultReviewers: packageJson.guichet?.defaultReviewers ?? ['@guichet/portal-team'],
  apisPath: values['apis-dir'].replace(/^\.\//, '').replace(/\/$/, ''),
  mocksPath: 'mocks',
});

if (values.check) {
  const current = await readFile(values.output, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(
      `${values.output} has drifted from the owners in api.yaml: run \`npm run generate:codeowners\` and commit it`,
    );
    process.exit(1);
  }
  console.log(`${values.output} matches the owners in api.yaml`);
} else {
  await writeFile(values.output, text);
  console.log(
    `wrote ${values.output} (${String(result.catalog.apis.filter((api) => api.owner.reviewers.length > 0).length)} API(s) with reviewers)`,
  );
}
