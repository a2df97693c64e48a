import { z } from 'zod';
import { toCode, toInlineText } from '../../catalog/markdown-twin/markdown-text.ts';
import { apiIdSchema, findApi } from '../find-in-catalog.ts';
import { toTextResult } from '../tool-result.ts';
import { defineTool } from './tool.ts';

/** list_versions: an API's versions with their lifecycle, deprecation and sunset dates. */
export const listVersionsTool = defineTool({
  name: 'list_versions',
  title: "List an API's versions",
  description:
    "Lists an API's versions, newest first, with each one's lifecycle (draft, beta, stable, deprecated, retired), deprecation and sunset dates, operation count and sandbox path; says which is current.",
  input: z.strictObject({ api: apiIdSchema }),
  run({ api: apiId }, { catalog, language }) {
    const found = findApi(catalog, apiId, language);
    if (!found.ok) return found.problem;
    const api = found.value;
    const versions = api.versions.map((version) => ({
      id: version.id,
      label: version.label,
      lifecycle: version.lifecycle,
      current: version.id === api.currentVersionId,
      deprecatedSince: version.deprecatedSince,
      sunset: version.sunset,
      operations: version.operations.length,
      sandboxPath: `/${api.id}/${version.id}`,
    }));
    const lines = [`# ${toInlineText(api.title)} (${toCode(api.id)})`, ''];
    for (const version of versions) {
      const dates = [
        version.deprecatedSince === undefined ? '' : `deprecated since ${version.deprecatedSince}`,
        version.sunset === undefined ? '' : `sunset ${version.sunset}`,
      ].filter(Boolean);
      lines.push(
        `- ${toCode(version.id)} (${toInlineText(version.label)}): ${version.lifecycle}${version.current ? ', current' : ''}${dates.length > 0 ? `, ${dates.join(', ')}` : ''}; ${String(version.operations)} operations; sandbox ${toCode(version.sandboxPath)}`,
      );
    }
    return toTextResult(lines.join('\n'), {
      api: api.id,
      currentVersion: api.currentVersionId,
      versions,
    });
  },
});
