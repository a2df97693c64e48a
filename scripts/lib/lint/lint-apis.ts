import {
  loadCatalog,
  toDisplayPath,
  type CatalogProblem,
  type TriedDocument,
} from '../../../catalog/index.ts';
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
 * project's ruleset through Redocly on each entry document the catalog read safely (those of
 * APIs it leaves out included), and the metadata rules. Restricted
 * APIs are linted too: the audience filter applies to portals, not to reviews.
 */
export async function lintApis(options: LintOptions): Promise<Finding[]> {
  const { catalog, problems, documents } = await loadCatalog({
    apisDir: options.apisDir,
    audience: 'internal',
  });
  const findings: Finding[] = problems.map(toFinding);
  // Documents of APIs left out for another reason (api.yaml, a guide) are linted too, so one run
  // shows every problem; one the catalog could not read safely is not, since Redocly follows
  // every $ref and some of its may lead out of the API folder.
  const entries = documents.filter((document) => document.checked).map(({ path }) => path);
  findings.push(...documents.filter((document) => !document.checked).map(toNotLinted));
  if (entries.length > 0) findings.push(...(await runRedocly(entries, options.redoclyConfig)));
  for (const api of catalog.apis) findings.push(...checkMetadata(api, options.today));
  return sortFindings(findings);
}

function toNotLinted(document: TriedDocument): Finding {
  return {
    file: toDisplayPath(document.path),
    line: 1,
    rule: 'guichet/not-linted',
    severity: 'warning',
    message: "was not checked against Redocly's rules: the catalog could not read it safely",
    hint: "fix the catalog's errors on it, then run lint:apis again",
  };
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
