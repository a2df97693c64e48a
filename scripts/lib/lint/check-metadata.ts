import type { CatalogApi } from '../../../catalog/index.ts';
import type { Finding } from './finding.ts';

/**
 * What a reviewer expects of an API's metadata before it reaches partners: someone to write to,
 * someone to review changes, tags to find it by, and sunset dates that are still ahead.
 */
export function checkMetadata(api: CatalogApi, today: string): Finding[] {
  const findings: Finding[] = [];
  const current = api.versions.find((version) => version.id === api.currentVersionId);
  const file = api.metadataFile ?? `${api.dir}/${current?.entryFile ?? ''}`;
  const add = (
    rule: string,
    severity: Finding['severity'],
    message: string,
    hint: string,
  ): void => {
    findings.push({ file, line: 1, rule: `guichet/${rule}`, severity, message, hint });
  };
  if (!api.metadataFile) {
    add(
      'metadata-file',
      'warning',
      'has no api.yaml: owner, lifecycle and visibility are guessed from the document',
      'copy templates/api/api.yaml into the folder and fill it in',
    );
  }
  if (!api.owner.email) {
    add(
      'owner-contact',
      'error',
      'names no owner email, so partners and reviewers cannot reach the team',
      'set owner.email in api.yaml (or info.contact.email in the document)',
    );
  }
  if (api.owner.reviewers.length === 0) {
    add(
      'owner-reviewers',
      'warning',
      'lists no reviewers, so CODEOWNERS cannot route its pull requests to the owning team',
      "add owner.reviewers, e.g. ['@ministere/equipe-fiscalite']",
    );
  }
  if (!api.support.email && !api.support.url) {
    add(
      'support',
      'warning',
      'gives partners no support contact',
      'set support.email or support.url in api.yaml',
    );
  }
  if (api.tags.length === 0) {
    add(
      'tags',
      'warning',
      'has no tags, so the catalog filters cannot find it',
      'add tags in api.yaml, e.g. [fiscalite, entreprises]',
    );
  }
  for (const version of api.versions) {
    if (version.lifecycle !== 'retired' && version.sunset !== undefined && version.sunset < today) {
      add(
        'sunset-passed',
        'warning',
        `version ${version.id} passed its sunset date (${version.sunset}) but is not retired`,
        'set its lifecycle to retired, or move the sunset date',
      );
    }
  }
  return findings;
}
