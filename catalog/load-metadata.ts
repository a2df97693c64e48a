import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describeIssue } from './describe-issue.ts';
import { toFieldPath, type CatalogProblem } from './problems.ts';
import { apiMetadataSchema, type ApiMetadata } from './schema/api-metadata.ts';
import { readSourceFile, type SourceFile } from './source-file.ts';

/** File names the catalog accepts for an API's metadata, in order of preference. */
export const metadataFileNames = ['api.yaml', 'api.yml'] as const;

/** Metadata read from a folder: absent (derive it), valid, or invalid (problems were reported). */
export type MetadataResult =
  | { status: 'absent' }
  | { status: 'valid'; file: SourceFile; metadata: ApiMetadata }
  | { status: 'invalid'; file?: SourceFile };

/** Reads and validates `api.yaml`, reporting every mistake with its line and a hint. */
export async function loadMetadata(
  apiDir: string,
  problems: CatalogProblem[],
): Promise<MetadataResult> {
  const path = await findMetadataFile(apiDir);
  if (!path) return { status: 'absent' };
  const file = await readSourceFile(path, apiDir, problems);
  if (!file) return { status: 'invalid' };
  // An empty file is a valid start: everything is derived from the document.
  const input = file.value ?? {};
  const result = apiMetadataSchema.safeParse(input);
  if (result.success) return { status: 'valid', file, metadata: result.data };
  for (const issue of result.error.issues) {
    for (const described of describeIssue(issue, apiMetadataSchema, input)) {
      problems.push({
        file: file.displayPath,
        line: file.lineOf(described.linePath ?? described.path),
        field: toFieldPath(described.path),
        message: described.message,
        hint: described.hint,
        severity: 'error',
      });
    }
  }
  return { status: 'invalid', file };
}

async function findMetadataFile(apiDir: string): Promise<string | undefined> {
  for (const name of metadataFileNames) {
    const path = join(apiDir, name);
    try {
      await access(path);
      return path;
    } catch {
      // Not this name; try the next.
    }
  }
  return undefined;
}
