/**
 * Writes the JSON Schemas of the files owners edit, for editors (completion and checks as they
 * type): `api.yaml` and the sandbox's `mocks/<api-id>/stubs.yaml`. `--check` fails when a
 * committed file is out of date, so CI catches a schema change that was not regenerated.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { apiMetadataSchema, sandboxStubsSchema } from '../catalog/index.ts';

const targets = [
  {
    file: 'schemas/api-metadata.schema.json',
    schema: apiMetadataSchema,
    title: 'guichet API metadata (apis/<api-id>/api.yaml)',
  },
  {
    file: 'schemas/sandbox-stubs.schema.json',
    schema: sandboxStubsSchema,
    title: 'guichet sandbox stubs (mocks/<api-id>/stubs.yaml)',
  },
];

const check = process.argv.includes('--check');
let stale = false;
for (const { file, schema, title } of targets) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  const text = `${JSON.stringify({ ...json, title }, null, 2)}\n`;
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
