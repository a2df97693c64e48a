import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CatalogResult, LeftOutFolder, Visibility } from '../../../catalog/index.ts';

/**
 * What a deploy build tells the API owners, as `build-report.json` beside the catalog snapshot
 * (never in the published folder: it names every API, restricted ones included). CI keeps it as
 * an artifact; `leftOut` lists the folders the portal was built without and every reason.
 */
export interface BuildReport {
  formatVersion: 1;
  builtAt: string;
  audience: Visibility;
  /** Whether a portal was built at all. */
  built: boolean;
  /** Ids of the APIs the portal publishes. */
  published: string[];
  leftOut: LeftOutFolder[];
}

/** Where a build whose snapshot is `snapshotPath` writes its report. */
export function toBuildReportPath(snapshotPath: string): string {
  return join(dirname(snapshotPath), 'build-report.json');
}

/** Writes the report of a build from `result`; returns where. */
export async function writeBuildReport(
  result: CatalogResult,
  snapshotPath: string,
): Promise<string> {
  const report: BuildReport = {
    formatVersion: 1,
    builtAt: new Date().toISOString(),
    audience: result.catalog.audience,
    built: !result.failed,
    published: result.failed ? [] : result.catalog.apis.map((api) => api.id),
    leftOut: result.leftOut,
  };
  const path = toBuildReportPath(snapshotPath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
