import type { CatalogOperation } from '../openapi/list-operations.ts';
import type {
  ComponentSchema,
  ExampleDetails,
  MediaTypeDetails,
  OperationDetails,
  ParameterDetails,
  SecurityRequirement,
  SecurityScheme,
} from '../reference/reference-model.ts';
import {
  isJsonMediaType,
  toCode,
  toFence,
  toInlineText,
  toInlineValue,
  toValueText,
} from './markdown-text.ts';
import type { ProseCache } from './prose-cache.ts';
import { renderSchemaRoot, toTypeLabel, type SchemaRendering } from './render-schema.ts';

/** What rendering an operation needs besides the operation itself. */
export interface OperationRendering {
  components: ReadonlyMap<string, ComponentSchema>;
  securitySchemes: readonly SecurityScheme[];
  /** The version's sandbox base URL (`http://127.0.0.1:8000/tax/v2`); webhooks get none. */
  sandboxBaseUrl: string;
  /** Heading level of the operation's title (3 in a twin, 1 for the MCP describe tool). */
  level: number;
  /** The rendering's owners' prose, converted once per distinct text. */
  prose: ProseCache;
}

/** Characters of one example printed before it is cut short, as on the pages. */
export const exampleLimit = 20_000;

/**
 * One operation (or webhook) in Markdown: what it is, where to call it in the sandbox, its
 * security and scopes, parameters, request body per media type and responses per status with
 * headers, schemas and examples. The one Markdown rendering of an operation: the twins,
 * llms-full.txt and the MCP describe tool all print this.
 */
export function renderOperationMarkdown(
  operation: CatalogOperation,
  details: OperationDetails,
  rendering: OperationRendering,
): string {
  const h = (offset: number): string => '#'.repeat(Math.min(6, rendering.level + offset));
  const lines: string[] = [
    `${h(0)} ${toCode(`${operation.method} ${operation.path}`)} — ${toInlineText(operation.summary)}`,
    '',
  ];
  const facts: string[] = [];
  if (operation.kind === 'webhook') facts.push('Webhook: the API calls you');
  if (operation.operationId !== undefined)
    facts.push(`Operation id: ${toCode(operation.operationId)}`);
  if (operation.tags.length > 0) facts.push(`Tags: ${operation.tags.map(toInlineText).join(', ')}`);
  if (operation.deprecated) facts.push('**Deprecated**');
  if (facts.length > 0) lines.push(facts.join(' · '), '');
  const { prose } = rendering;
  const description = prose.toMarkdown(operation.descriptionHtml);
  if (description !== '') lines.push(description, '');
  if (operation.kind === 'operation') {
    lines.push(
      `Sandbox: ${toCode(`${operation.method} ${rendering.sandboxBaseUrl}${operation.path}`)}`,
      '',
    );
  }
  lines.push(`Security: ${toSecurityText(details.security, rendering.securitySchemes)}`, '');
  if (details.parameters.length > 0) {
    lines.push(
      `${h(1)} Parameters`,
      '',
      ...details.parameters.map((parameter) => toParameterLine(parameter, prose)),
      '',
    );
  }
  const { components } = rendering;
  const request: SchemaRendering = { components, direction: 'request', prose };
  const response: SchemaRendering = { components, direction: 'response', prose };
  const body = details.requestBody;
  if (body) {
    lines.push(`${h(1)} Request body${body.required ? ' (required)' : ''}`, '');
    const text = prose.toMarkdown(body.descriptionHtml);
    if (text !== '') lines.push(text, '');
    for (const content of body.contents) lines.push(...renderContent(content, request), '');
  }
  if (details.responses.length > 0) {
    lines.push(`${h(1)} Responses`, '');
    for (const answer of details.responses) {
      const text = prose.toMarkdown(answer.descriptionHtml).replace(/\n+/g, ' ');
      lines.push(`${h(2)} ${toCode(answer.status)}${text === '' ? '' : ` — ${text}`}`, '');
      for (const header of answer.headers) {
        const about = prose.toMarkdown(header.descriptionHtml).replace(/\n+/g, ' ');
        const type = header.schema ? toTypeLabel(header.schema) : 'string';
        lines.push(
          `- Header ${toCode(header.name)} (${type}${header.required ? ', required' : ''})${about === '' ? '' : `: ${about}`}`,
        );
      }
      if (answer.headers.length > 0) lines.push('');
      for (const content of answer.contents) lines.push(...renderContent(content, response), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function toParameterLine(parameter: ParameterDetails, prose: ProseCache): string {
  const flags = [parameter.in, toTypeLabel(parameter.schema)];
  if (parameter.required) flags.push('required');
  if (parameter.deprecated) flags.push('deprecated');
  let line = `- ${toCode(parameter.name)} (${flags.join(', ')})`;
  const description = prose.toMarkdown(parameter.descriptionHtml).replace(/\n+/g, ' ');
  if (description !== '') line += `: ${description}`;
  const schema = parameter.schema;
  if (schema.kind === 'schema') {
    if (schema.enum !== undefined) {
      line += ` — one of ${schema.enum
        .slice(0, 40)
        .map((value) => toInlineValue(value))
        .join(', ')}`;
    }
    if (schema.default !== undefined) line += ` — default ${toInlineValue(schema.default.value)}`;
    if (schema.constraints.length > 0) line += ` — ${schema.constraints.join(', ')}`;
  }
  const example = parameter.examples[0];
  if (example !== undefined) line += ` — example ${toInlineValue(example.value)}`;
  return line;
}

function renderContent(content: MediaTypeDetails, rendering: SchemaRendering): string[] {
  const lines = [`Media type ${toCode(content.mediaType)}`];
  if (content.schema) lines.push('', ...renderSchemaRoot(content.schema, rendering));
  for (const example of content.examples)
    lines.push('', ...renderExample(example, content.mediaType, rendering.prose));
  return lines;
}

function renderExample(example: ExampleDetails, mediaType: string, prose: ProseCache): string[] {
  const name = example.name === undefined ? 'Example' : `Example ${toCode(example.name)}`;
  const summary = example.summary === undefined ? '' : ` — ${toInlineText(example.summary)}`;
  const lines = [`${name}${summary}:`];
  const description = prose.toMarkdown(example.descriptionHtml);
  if (description !== '') lines.push('', description);
  if (example.externalValue !== undefined) {
    lines.push('', `External value (not fetched): ${toCode(example.externalValue)}`);
    return lines;
  }
  const text = toValueText(example.value, mediaType);
  const shown =
    text.length <= exampleLimit
      ? text
      : `${text.slice(0, exampleLimit)}\n… (${String(text.length - exampleLimit)} more characters)`;
  lines.push('', toFence(shown, isJsonMediaType(mediaType) ? 'json' : ''));
  return lines;
}

/** `none` / `API key `X-Api-Key` in the header` / `OAuth 2 `auth` with scopes …`, OR between ways. */
export function toSecurityText(
  requirements: readonly SecurityRequirement[],
  schemes: readonly SecurityScheme[],
): string {
  if (requirements.length === 0) return 'none';
  const ways = requirements.map((requirement) => {
    if (requirement.schemes.length === 0) return 'anonymous';
    return requirement.schemes
      .map((entry) => {
        const scheme = schemes.find((candidate) => candidate.name === entry.name);
        const kind = scheme ? describeScheme(scheme) : 'undeclared scheme';
        const scopes =
          entry.scopes.length > 0
            ? ` with scopes ${entry.scopes.map((scope) => toCode(scope)).join(', ')}`
            : '';
        return `${toCode(entry.name)} (${kind})${scopes}`;
      })
      .join(' and ');
  });
  return ways.length === 1 ? (ways[0] ?? 'none') : `any one of: ${ways.join('; or ')}`;
}

/** `API key in the X-Api-Key header`, `HTTP bearer (JWT)`, `OAuth 2: client credentials`. */
export function describeScheme(scheme: SecurityScheme): string {
  switch (scheme.type) {
    case 'apiKey':
      return `API key in the ${toCode(scheme.parameterName ?? 'unnamed')} ${scheme.in ?? 'header'}`;
    case 'http':
      return `HTTP ${scheme.scheme ?? 'authentication'}${scheme.bearerFormat === undefined ? '' : ` (${toInlineText(scheme.bearerFormat)})`}`;
    case 'oauth2':
      return `OAuth 2${scheme.flows.length > 0 ? `: ${scheme.flows.map((flow) => flow.kind).join(', ')}` : ''}`;
    case 'openIdConnect':
      return 'OpenID Connect';
    case 'mutualTLS':
      return 'mutual TLS';
  }
}
