import type { ApiDiff, VersionDiff } from './diff-apis.ts';

/** Consumers who called each operation lately, per API and version: `api/version` → operation → count. */
export type UsageCounts = Map<string, Map<string, number>>;

/** What the report needs beyond the diffs. */
export interface ReportContext {
  base: string;
  /** Present when the sandbox's store could be read. */
  usage?: UsageCounts;
  /** Days of usage the counts cover. */
  usageDays: number;
}

/**
 * Renders the diff as Markdown fit for a pull-request comment: a summary table, then each changed
 * version with its changes, breaking ones first and flagged, and who they would break.
 */
export function formatReport(diffs: readonly ApiDiff[], context: ReportContext): string {
  const lines = [`## API changes against \`${context.base}\``, ''];
  if (diffs.length === 0) return [...lines, 'No API changed.'].join('\n');
  lines.push(
    '| API | Version | Lifecycle | Changes | Breaking | Verdict |',
    '|---|---|---|---|---|---|',
  );
  for (const api of diffs) {
    for (const version of api.versions.filter((item) => item.status !== 'unchanged')) {
      const breaking = version.changes.filter((change) => change.breaking).length;
      lines.push(
        `| ${escapeCell(api.title)} (\`${api.id}\`) | ${version.id} ${describeLabels(version)} | ${version.lifecycle} | ${describeStatus(version)} | ${String(breaking)} | ${verdict(api, version)} |`,
      );
    }
  }
  for (const api of diffs) {
    for (const version of api.versions.filter((item) => item.changes.length > 0)) {
      lines.push(
        '',
        `### ${api.title} — \`${api.id}\` ${version.id} (${version.lifecycle}, ${describeLabels(version)})`,
        '',
      );
      const ordered = [...version.changes].sort((a, b) => Number(b.breaking) - Number(a.breaking));
      for (const change of ordered) {
        const callers = describeCallers(
          context,
          api.id,
          version.baseId,
          change.operationId ?? change.operation,
        );
        const flag = change.breaking ? '**breaking**' : 'compatible';
        lines.push(
          `- ${flag}${change.operation ? ` \`${change.operation}\`` : ''} — ${change.description}${callers}`,
        );
      }
    }
  }
  const violations = diffs.flatMap((api) =>
    api.violations.map((violation) => ({ api, violation })),
  );
  if (violations.length > 0) {
    lines.push('', '### Policy');
    for (const { api, violation } of violations) {
      const outcome =
        api.policy === 'require-new-major' ? 'fails the check' : 'reported only (policy: warn)';
      lines.push(
        `- \`${api.id}\`: ${violation} — ${outcome}. Publish the change as a new major version (a new \`versions:\` entry or a new major \`info.version\`), or deprecate first.`,
      );
    }
  }
  if (!context.usage)
    lines.push('', `_Sandbox usage was not joined: its store could not be read._`);
  return lines.join('\n');
}

/** True when the report must fail the pull request. */
export function hasBlockingViolations(diffs: readonly ApiDiff[]): boolean {
  return diffs.some((api) => api.policy === 'require-new-major' && api.violations.length > 0);
}

function describeCallers(
  context: ReportContext,
  api: string,
  version: string | undefined,
  operation: string | undefined,
): string {
  if (!context.usage || !operation || !version) return '';
  const count = context.usage.get(`${api}/${version}`)?.get(operation) ?? 0;
  return ` — called by ${String(count)} sandbox consumer(s) in the last ${String(context.usageDays)} days`;
}

function describeLabels(version: VersionDiff): string {
  const { before, after } = version.labels;
  if (before && after && before !== after) return `${before} → ${after}`;
  return after ?? before ?? '';
}

function describeStatus(version: VersionDiff): string {
  if (version.status === 'added') return 'new version';
  if (version.status === 'removed') return 'version removed';
  return `${String(version.changes.length)} change(s)`;
}

function verdict(api: ApiDiff, version: VersionDiff): string {
  const breaking = version.changes.some((change) => change.breaking);
  const violated = api.violations.some((violation) => violation.includes(`version ${version.id} `));
  if (violated)
    return api.policy === 'require-new-major'
      ? 'fails: breaking without a new major version'
      : 'warning: breaking without a new major version';
  if (breaking)
    return version.newMajor ? 'ok: new major version' : `ok: ${version.lifecycle} version`;
  return 'ok';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
