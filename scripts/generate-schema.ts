/**
 * Writes the JSON Schemas of the files owners edit, for editors (completion and checks as they
 * type) — `api.yaml`, the sandbox's `mocks/<api-id>/stubs.yaml` and `portal.yaml` — and their Markdown
 * references in docs/reference/. `--check` fails when a committed file is out of date, so CI
 * catches a schema change that was not regenerated.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { apiMetadataSchema, sandboxStubsSchema } from '../catalog/index.ts';
import { portalFileSchema } from '../config/portal-file.ts';
import { readCommandLine } from './lib/cli/read-command-line.ts';
import { renderReference } from './lib/schema/render-reference.ts';

const { values } = readCommandLine({
  name: 'generate:schema',
  usage: `Usage: npm run generate:schema [-- --check]

Writes the JSON Schemas of api.yaml and stubs.yaml (schemas/) and their references
(docs/reference/) from the catalog's zod schemas.

  --check      write nothing; exit 1 when a committed file is out of date (CI)
  -h, --help   show this help`,
  options: { check: { type: 'boolean', default: false } },
});

const sources = [
  {
    file: 'schemas/api-metadata.schema.json',
    reference: 'docs/reference/api-yaml.md',
    schema: apiMetadataSchema,
    title: 'guichet API metadata (apis/<api-id>/api.yaml)',
    intro:
      'Every field of `apis/<api-id>/api.yaml`. All are optional: a folder with only an OpenAPI document is published with what its `info` says. `templates/api/api.yaml` is a commented copy to start from; editors check the file against `schemas/api-metadata.schema.json`.',
  },
  {
    file: 'schemas/sandbox-stubs.schema.json',
    reference: 'docs/reference/stubs-yaml.md',
    schema: sandboxStubsSchema,
    title: 'guichet sandbox stubs (mocks/<api-id>/stubs.yaml)',
    intro:
      'Sandbox-only behaviour an API owner adds without touching the published document: named extra examples (`Prefer: example=<name>`) and answers matched on the request. Editors check the file against `schemas/sandbox-stubs.schema.json`.',
  },
  {
    file: 'schemas/portal.schema.json',
    reference: 'docs/reference/portal-yaml.md',
    schema: portalFileSchema,
    title: 'guichet portal identity (portal.yaml)',
    intro:
      "The portal's language, the organisation's name, logo, colour and footer links, and what its accessibility statement declares. Every field is optional: a repository without `portal.yaml` builds the French portal with guichet's defaults. `npm run build -- --portal <file>` (or `GUICHET_PORTAL_FILE`) reads another file; editors check it against `schemas/portal.schema.json`.",
  },
];

const targets = sources.flatMap(({ file, reference, schema, title, intro }) => {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return [
    { file, text: `${JSON.stringify({ ...json, title }, null, 2)}\n` },
    {
      file: reference,
      text: renderReference(title, intro, json as Parameters<typeof renderReference>[2]),
    },
  ];
});

const check = values.check;
let stale = false;
for (const { file, text } of targets) {
  if (!check) {
    await writeFile(file, text);
    console.log(`wrote ${file}`);
    continue;
  }
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current === text) {
    console.log(`${file} is up to date`);
  } else {
    console.error(`${file} is out of date: run \`npm run generate:schema\` and commit it`);
    stale = true;
  }
}
if (stale) process.exit(1);
