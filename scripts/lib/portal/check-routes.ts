import type { Catalog, CatalogProblem } from '../../../catalog/index.ts';

/** URL segments the portal uses beside version ids under `/apis/<id>/`. */
const reservedSegments = ['guides'];

/**
 * Finds catalog entries the portal cannot give a URL of their own: a version named like one of
 * the portal's own folders would be hidden behind it. Reported like any other catalog problem.
 */
export function checkRoutes(catalog: Catalog): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const api of catalog.apis) {
    for (const version of api.versions) {
      if (!reservedSegments.includes(version.id)) continue;
      problems.push({
        file: api.metadataFile ?? `${api.dir}/${version.entryFile}`,
        line: 1,
        field: 'versions.id',
        message: `"${version.id}" is a name the portal keeps for its own pages`,
        hint: 'give the version another id, e.g. v1',
        severity: 'error',
      });
    }
  }
  return problems;
}
