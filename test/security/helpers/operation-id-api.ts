import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The API a hostile-usage case writes: one folder, and the operation ids it carries. */
export interface OperationIdApi {
  /** Folder name under apis/. */
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  /** One GET operation per id, under /cells/c<index>, behind an X-Api-Key scheme. */
  readonly operationIds: readonly string[];
}

/**
 * Writes an API whose operation ids are the hostile values, so that the usage reports (which
 * name operations by id) carry them into JSON, CSV and SQL: the usage suites on both stores
 * share it.
 */
export function writeOperationIdApi(apisDir: string, api: OperationIdApi): void {
  const dir = join(apisDir, api.slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'api.yaml'),
    `title: ${api.title}\nsummary: ${api.summary}\nowner: { team: Équipe, email: equipe@exemple.gouv.fr }\n`,
  );
  const paths = api.operationIds
    .map(
      (operationId, index) => `  /cells/c${String(index)}:
    get:
      operationId: '${operationId.replaceAll("'", "''")}'
      summary: Cell ${String(index)}
      responses:
        '200':
          description: A cell
          content:
            application/json:
              schema: { type: object, properties: { value: { type: string } } }
              example: { value: x }
`,
    )
    .join('');
  writeFileSync(
    join(dir, 'openapi.yaml'),
    `openapi: 3.1.0\ninfo: { title: ${api.title}, version: 1.0.0, description: Cells. }\nsecurity: [{ key: [] }]\ncomponents:\n  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Api-Key }\npaths:\n${paths}`,
  );
}
