import { join } from 'node:path';
import { fromDisplayPath, loadCatalog, type CatalogProblem } from '../../../catalog/index.ts';
import { checkMetadata } from './check-metadata.ts';
import { sortFindings, type Finding } from './finding.ts';
import { runRedocly } from './run-redocly.ts';

/** What to lint and against which ruleset. */
export interface LintOptions {
  apisDir: string;
  /** Redocly configuration holding the project's ruleset. */
  redoclyConfig: string;
  /** Today's date (YYYY-MM-DD), to flag sunsets that have passed. */
  today: string;
}

/**
 * Runs every check a reviewer relies on: the catalog's own validation (the build's errors), the
 * project's ruleset through Redocly on each entry document, and the metadata rules. Restricted
 * APIs are linted too: the audience filter applies to portals, not to reviews.
 */
export async function lintApis(options: LintOptions): Promise<Finding[]> {
  const { catalog, problems } = await loadCatalog({
    apisDir: options.apisDir,
    audience: 'internal',
  });
  const findings: Finding[] = problems.map(toFinding);
  const entries = catalog.apis.flatMap((api) =>
    api.versions.map((version) => join(fromDisplayPath(api.dir), version.entryFile)),
  );
  if (entries.length > 0) findings.push(...(await runRedocly(entries, options.redoclyConfig)));
  for (const api of catalog.apis) findings.push(...checkMetadata(api, options.today));
  return sortFindings(findings);
}

function toFinding(problem: CatalogProblem): Finding {
  return {
    file: problem.file,
    line: problem.line,
    rule: 'catalog',
    severity: problem.severity,
    message: `${problem.field} ${problem.message}`,
    hint: problem.hint,
  };
}
