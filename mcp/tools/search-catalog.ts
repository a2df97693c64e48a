import { z } from 'zod';
import { toTextResult } from '../tool-result.ts';
import { defineTool } from './tool.ts';
import { toCode, toInlineText } from '../../catalog/markdown-twin/markdown-text.ts';

/** Folds case and accents, so `declaration` finds `Déclarations`. */
function toSearchText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * search_catalog: APIs and operations whose words hold every word of the query (title, summary,
 * tags, id; operation summary, path, operation id), APIs first, at most `limit` of each.
 */
export const searchCatalogTool = defineTool({
  name: 'search_catalog',
  title: 'Search APIs and operations',
  description:
    'Finds the APIs and operations of the catalog whose title, summary, tags, path or operation id contain every word of the query. An empty query lists every API.',
  input: z.strictObject({
    query: z.string().max(200).describe('Words to look for, e.g. "rendez-vous annuler".'),
    limit: z.int().min(1).max(50).default(20).describe('Most results of each kind.'),
  }),
  run({ query, limit }, { catalog }) {
    const words = toSearchText(query).split(/\s+/).filter(Boolean);
    const matches = (text: string): boolean => {
      const haystack = toSearchText(text);
      return words.every((word) => haystack.includes(word));
    };
    const apis = catalog.apis
      .filter((api) => matches([api.id, api.title, api.summary, ...api.tags].join(' ')))
      .slice(0, limit);
    const operations = catalog.apis
      .flatMap((api) => {
        const version = api.versions.find((item) => item.id === api.currentVersionId);
        return (version?.operations ?? []).map((operation) => ({ api, version, operation }));
      })
      .filter(({ api, operation }) =>
        matches(
          [
            api.id,
            operation.method,
            operation.path,
            operation.summary,
            operation.operationId ?? '',
            ...operation.tags,
          ].join(' '),
        ),
      )
      .slice(0, limit);
    const lines = [`## APIs (${String(apis.length)})`, ''];
    for (const api of apis) {
      lines.push(
        `- ${toCode(api.id)} — ${toInlineText(api.title)} (${api.lifecycle}, current version ${toCode(api.currentVersionId)}): ${toInlineText(api.summary)}`,
      );
    }
    lines.push('', `## Operations (${String(operations.length)})`, '');
    for (const { api, version, operation } of operations) {
      lines.push(
        `- ${toCode(api.id)} ${toCode(version?.id ?? '')} ${toCode(`${operation.method} ${operation.path}`)} — ${toInlineText(operation.summary)}${operation.operationId === undefined ? '' : ` (operation id ${toCode(operation.operationId)})`}`,
      );
    }
    return toTextResult(lines.join('\n'), {
      apis: apis.map((api) => ({
        id: api.id,
        title: api.title,
        summary: api.summary,
        lifecycle: api.lifecycle,
        currentVersion: api.currentVersionId,
      })),
      operations: operations.map(({ api, version, operation }) => ({
        api: api.id,
        version: version?.id,
        method: operation.method,
        path: operation.path,
        operationId: operation.operationId,
        summary: operation.summary,
      })),
    });
  },
});
