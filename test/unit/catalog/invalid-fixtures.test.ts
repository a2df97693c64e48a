import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatProblem, loadCatalog } from '../../../catalog/index.ts';

const root = 'test/fixtures/catalog/invalid';

/** Loads one invalid fixture and returns the problems as the build prints them. */
async function reportFor(fixture: string): Promise<string[]> {
  const result = await loadCatalog({ apisDir: `${root}/${fixture}`, audience: 'internal' });
  assert.equal(result.failed, true, `${fixture} must fail the build`);
  return result.problems.map(formatProblem);
}

/** One fixture per kind of mistake, each with the exact text an owner reads. */
const expectations: Record<string, string[]> = {
  'metadata-syntax': [
    `${root}/metadata-syntax/api-one/api.yaml:4 — (syntax) — is not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ] — check indentation, quotes and colons around this line`,
  ],
  'metadata-unknown-field': [
    `${root}/metadata-unknown-field/api-one/api.yaml:2 — lifecyle — is not a known field — did you mean "lifecycle"?`,
  ],
  'metadata-enum': [
    `${root}/metadata-enum/api-one/api.yaml:2 — lifecycle — must be one of draft, beta, stable, deprecated, retired (got "stabel") — did you mean "stable"?`,
  ],
  'metadata-type': [
    `${root}/metadata-type/api-one/api.yaml:2 — tags — must be a list (got "fiscalite") — write it as a list, one \`- item\` per line`,
  ],
  'metadata-email': [
    `${root}/metadata-email/api-one/api.yaml:3 — owner.email — must be an email address (got "tax-office") — use a team mailbox such as api-team@example.gouv.fr`,
  ],
  'metadata-missing-field': [
    `${root}/metadata-missing-field/api-one/api.yaml:1 — owner.team — is required — add this field (string)`,
  ],
  'metadata-sunset': [
    `${root}/metadata-sunset/api-one/api.yaml:2 — sunset — is required when lifecycle is deprecated — add \`sunset: YYYY-MM-DD\`, the date the API stops answering`,
  ],
  'metadata-date': [
    `${root}/metadata-date/api-one/api.yaml:3 — sunset — must be a date as YYYY-MM-DD (got "30/06/2027") — write the date as YYYY-MM-DD, e.g. 2027-06-30, in quotes`,
  ],
  'metadata-duplicate-version': [
    `${root}/metadata-duplicate-version/api-one/api.yaml:4 — versions.1.id — repeats the version id "v1" — give each version its own id, e.g. v1 and v2`,
  ],
  'metadata-missing-document': [
    `${root}/metadata-missing-document/api-one/api.yaml:3 — versions.0.document — names a file that does not exist (v3/openapi.yaml) — give the entry document's path relative to the API folder, e.g. v2/openapi.yaml`,
  ],
  'document-syntax': [
    `${root}/document-syntax/api-one/openapi.yaml:9 — (syntax) — is not valid YAML or JSON: Missing closing "quote — check indentation, quotes and colons around this line`,
  ],
  'document-no-version': [
    `${root}/document-no-version/api-one/openapi.yaml:1 — (root) — has neither an \`openapi\` nor a \`swagger\` field — add \`openapi: 3.1.0\` (or \`swagger: "2.0"\`) as the first line`,
  ],
  'document-unsupported': [
    `${root}/document-unsupported/api-one/openapi.yaml:1 — openapi — names an unsupported version "2.5.0" — use OpenAPI 3.0.x or 3.1.x (or Swagger 2.0)`,
  ],
  'document-info': [
    `${root}/document-info/api-one/openapi.yaml:2 — info.title — is required — give the API a name, e.g. \`title: Tax filing API\``,
  ],
  'document-path': [
    `${root}/document-path/api-one/openapi.yaml:6 — paths.things — "things" does not start with "/" — write it as "/things"`,
  ],
  'document-internal-ref': [
    `${root}/document-internal-ref/api-one/openapi.yaml:10 — paths./things.get.responses.200.$ref — points to nothing (#/components/responses/Thing) — existing entries there: Things`,
  ],
  'document-missing-file': [
    `${root}/document-missing-file/api-one/openapi.yaml:7 — paths./things.$ref — points to a file that does not exist (./paths/thing.yaml) — check the file name and that the path is relative to this file`,
  ],
  'document-outside': [
    `${root}/document-outside/api-one/openapi.yaml:7 — paths./things.$ref — points outside the API folder (../../secrets.yaml) — keep every file of the document inside ${root}/document-outside/api-one`,
  ],
  'document-remote': [
    `${root}/document-remote/api-one/openapi.yaml:7 — paths./things.$ref — points to a remote document (https://example.com/things.yaml) — copy the referenced part into the API folder and point to it with a relative path: the portal and its sandbox work offline`,
  ],
  'no-document': [
    `${root}/no-document/api-one:1 — (documents) — holds no OpenAPI document — add openapi.yaml (or one folder per version, each with its openapi.yaml), or list them under \`versions:\` in api.yaml`,
  ],
  'folder-name': [
    `${root}/folder-name/Api_One:1 — (folder name) — "Api_One" is not a valid API id — name the folder in lowercase letters, digits and dashes, e.g. tax-filing`,
  ],
  'reserved-id': [
    `${root}/reserved-id/problems:1 — (folder name) — "problems" is reserved: the sandbox answers /problems/… itself — give the API another id, e.g. add its domain: tax-problems`,
  ],
  'guide-front-matter': [
    `${root}/guide-front-matter/api-one/guides/01-start.md:1 — (front matter) — is not valid YAML — write it as \`title: My guide\` between two \`---\` lines`,
  ],
};

describe('invalid apis/ folders fail with the exact problem an owner reads', () => {
  for (const [fixture, expected] of Object.entries(expectations)) {
    test(fixture, async () => {
      assert.deepEqual(await reportFor(fixture), expected);
    });
  }

  test('every problem of every API is reported in one run, in file order', async () => {
    assert.deepEqual(await reportFor('several'), [
      `${root}/several/api-one/api.yaml:1 — lifecycle — must be one of draft, beta, stable, deprecated, retired (got "stabel") — did you mean "stable"?`,
      `${root}/several/api-one/api.yaml:2 — visibility — must be one of public, partners, internal (got "secret") — use one of public, partners, internal`,
      `${root}/several/api-two/openapi.yaml:2 — info.version — is required — state the version of the document, e.g. \`version: "1.2.0"\``,
    ]);
  });

  test('a missing apis folder is a problem, not a crash', async () => {
    const result = await loadCatalog({ apisDir: `${root}/does-not-exist` });
    assert.equal(result.failed, true);
    assert.deepEqual(result.problems.map(formatProblem), [
      `${root}/does-not-exist:1 — (folder) — does not exist or cannot be read — create it with one sub-folder per API, or set APIS_DIR to the folder holding them`,
    ]);
  });
});
