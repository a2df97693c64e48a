import { z } from 'zod';
import type { ComponentSchema, SchemaNode } from '../../catalog/index.ts';
import { toOperationCredentials } from '../../catalog/sandbox-credentials.ts';
import { renderSandboxSection, toNeedsData } from '../credentials/describe-credentials.ts';
import { createProseCache } from '../../catalog/markdown-twin/prose-cache.ts';
import { renderOperationMarkdown } from '../../catalog/markdown-twin/render-operation.ts';
import {
  renderComponentMarkdown,
  toComponentMap,
} from '../../catalog/markdown-twin/render-version.ts';
import {
  apiIdSchema,
  findApi,
  findOperation,
  findVersion,
  getReference,
  operationSchema,
  versionIdSchema,
} from '../find-in-catalog.ts';
import { toProblemResult, toTextResult } from '../tool-result.ts';
import { defineTool } from './tool.ts';

/** Component schemas printed after an operation at most, nearest first. */
const componentLimit = 40;

/**
 * describe_operation: the operation as the twins print it (one renderer), how to call it in the
 * sandbox with call_sandbox (which credentials, where they go, the scopes), then the component
 * schemas it uses, followed from reference to reference up to `componentLimit`.
 */
export const describeOperationTool = defineTool({
  name: 'describe_operation',
  title: 'Describe an operation',
  description:
    'Describes one operation in Markdown: its sandbox URL, security and scopes, which credentials to pass to call_sandbox for it and where they are sent, parameters, request body per media type, responses per status with headers, schemas and examples, then the component schemas it uses.',
  input: z.strictObject({ api: apiIdSchema, version: versionIdSchema, operation: operationSchema }),
  run(input, { catalog, sandboxUrl, language }) {
    const api = findApi(catalog, input.api, language);
    if (!api.ok) return api.problem;
    const version = findVersion(api.value, input.version, language);
    if (!version.ok) return version.problem;
    const found = findOperation(version.value, input.operation, language);
    if (!found.ok) return found.problem;
    const reference = getReference(version.value);
    const operation = version.value.operations[found.value];
    const details = reference.operations[found.value];
    if (!operation || !details)
      return toProblemResult(
        'unknownOperation',
        {
          en: 'This operation has no reference.',
          fr: 'Cette opération n’a pas de référence.',
        },
        language,
      );
    const components = toComponentMap(reference.schemas);
    const prose = createProseCache();
    const text = renderOperationMarkdown(operation, details, {
      components,
      securitySchemes: reference.securitySchemes,
      sandboxBaseUrl: `${sandboxUrl.replace(/\/+$/, '')}/${api.value.id}/${version.value.id}`,
      level: 1,
      prose,
    });
    const credentials = toOperationCredentials(version.value, operation);
    const sandbox =
      operation.kind === 'operation'
        ? `\n${renderSandboxSection(credentials, {
            schemes: reference.securitySchemes,
            sandboxUrl,
            language,
            apiId: api.value.id,
            heading: '##',
          }).join('\n')}\n`
        : '';
    const used = collectComponents(details, components);
    const sections = used.flatMap((schema) => [
      '',
      ...renderComponentMarkdown(schema, { components, prose }, 2),
    ]);
    return toTextResult(
      `${text}${sandbox}${used.length > 0 ? `\n# Schemas used\n${sections.join('\n')}\n` : ''}`,
      { security: toNeedsData(credentials) },
    );
  },
});

/** The components an operation refers to, breadth first, each once. */
function collectComponents(
  root: unknown,
  components: ReadonlyMap<string, ComponentSchema>,
): ComponentSchema[] {
  const found: ComponentSchema[] = [];
  const seen = new Set<string>();
  const queue: unknown[] = [root];
  let visited = 0;
  while (queue.length > 0 && found.length < componentLimit && visited < 100_000) {
    const value = queue.shift();
    visited += 1;
    if (Array.isArray(value)) queue.push(...(value as unknown[]));
    else if (value !== null && typeof value === 'object') {
      const node = value as Partial<SchemaNode> & Record<string, unknown>;
      if (node.kind === 'reference' && typeof node.name === 'string' && !seen.has(node.name)) {
        seen.add(node.name);
        const component = components.get(node.name);
        if (component) {
          found.push(component);
          queue.push(component.schema);
        }
      }
      for (const [key, child] of Object.entries(node)) {
        if (key !== 'examples' && key !== 'enum' && key !== 'default') queue.push(child);
      }
    }
  }
  return found;
}
