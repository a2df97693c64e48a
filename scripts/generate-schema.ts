/**
 * Writes the JSON Schema of `api.yaml` for editors (completion and checks as owners type).
 * `--check` fails when the committed file is out of date, so CI catches a schema change
 * that was not regenerated.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { apiMetadataSchema } from '../catalog/index.ts';

const target = 'schemas/api-metadata.schema.json';
const schema = z.toJSONSchema(apiMetadataSchema, { io: 'input', unrepresentable: 'any' });
const text = `${JSON.stringify({ ...schema, title: 'guichet API metadata (apis/<api-id>/api.yaml)' }, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(`${target} is out of date: run \`npm run generate:schema\` and commit it`);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
} else {
  await writeFile(target, text);
  console.log(`wrote ${target}`);
}
