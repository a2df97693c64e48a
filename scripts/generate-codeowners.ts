/**
 * `npm run generate:codeowners [-- --check]`: writes CODEOWNERS from the metadata's owners;
 * `--check` fails when the committed file has drifted from them (CI runs it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatProblem, loadCatalog } from '../catalog/index.ts';
import { renderCodeowners } from './lib/codeowners/render-codeowners.ts';

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    'apis-dir': { type: 'string', default: process.env.APIS_DIR ?? 'apis' },
    output: { type: 'string', default: 'CODEOWNERS' },
  },
});

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
