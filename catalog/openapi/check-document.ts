import type { CatalogProblem } from '../problems.ts';
import type { SourceFile } from '../source-file.ts';

/** The dialect a document is written in. */
export type DocumentFormat = 'openapi-3.0' | 'openapi-3.1' | 'swagger-2.0';

/** What the catalog needs from a document's top level, once it is known to be sound. */
export interface DocumentHead {
  format: DocumentFormat;
  /** The version field as written (`3.1.0`, `2.0`). */
  specVersion: string;
  title: string;
  /** `info.version`, always as text. */
  version: string;
  description: string | undefined;
  contact: { name?: string; email?: string; url?: string };
}

export const httpMethods = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/**
 * Checks what the portal and the sandbox rely on: a known dialect, an `info` block, and
 * well-formed `paths`. Deeper rules (examples, descriptions, style) belong to `npm run lint:apis`.
 */
export function checkDocument(
  file: SourceFile,
  problems: CatalogProblem[],
): DocumentHead | undefined {
  const before = problems.length;
  const report = (path: string[], message: string, hint: string): void => {
    problems.push({
      file: file.displayPath,
      line: file.lineOf(path),
      field: path.join('.') || '(root)',
      message,
      hint,
      severity: 'error',
    });
  };
  const root = file.value;
  if (!isMapping(root)) {
    report(
      [],
      'is not an OpenAPI document (the file is not a mapping)',
      'start the file with `openapi: 3.1.0` and an `info` block',
    );
    return undefined;
  }
  const format = readFormat(root, report);
  const info = root.info;
  if (!isMapping(info)) {
    report(['info'], 'is required', 'add an `info` block with `title` and `version`');
  } else {
    if (typeof info.title !== 'string' || info.title.trim() === '') {
      report(['info', 'title'], 'is required', 'give the API a name, e.g. `title: Tax filing API`');
    }
    if (!isScalarText(info.version)) {
      report(
        ['info', 'version'],
        'is required',
        'state the version of the document, e.g. `version: "1.2.0"`',
      );
    }
  }
  if (format) checkPaths(root, format, report);
  if (problems.length > before || !format || !isMapping(info)) return undefined;

  const contact = isMapping(info.contact) ? info.contact : {};
  return {
    format,
    specVersion: String(format === 'swagger-2.0' ? root.swagger : root.openapi),
    title: String(info.title),
    version: String(info.version),
    description: typeof info.description === 'string' ? info.description : undefined,
    contact: {
      ...(typeof contact.name === 'string' ? { name: contact.name } : {}),
      ...(typeof contact.email === 'string' ? { email: contact.email } : {}),
      ...(typeof contact.url === 'string' ? { url: contact.url } : {}),
    },
  };
}

type Report = (path: string[], message: string, hint: string) => void;

function readFormat(root: Record<string, unknown>, report: Report): DocumentFormat | undefined {
  if (root.openapi !== undefined) {
    if (typeof root.openapi !== 'string') {
      const written = JSON.stringify(root.openapi);
      report(
        ['openapi'],
        `must be text (got ${written})`,
        `quote it: openapi: "${written === '3' ? '3.0.3' : written}"`,
      );
      return undefined;
    }
    const version = root.openapi;
    if (/^3\.0\.\d+$/.test(version)) return 'openapi-3.0';
    if (/^3\.1\.\d+$/.test(version)) return 'openapi-3.1';
    report(
      ['openapi'],
      `names an unsupported version "${version}"`,
      'use OpenAPI 3.0.x or 3.1.x (or Swagger 2.0)',
    );
    return undefined;
  }
  if (root.swagger !== undefined) {
    // Unquoted `swagger: 2.0` is the number 2 in YAML; real documents do it, so accept it.
    if (root.swagger === '2.0' || root.swagger === 2) return 'swagger-2.0';
    report(
      ['swagger'],
      `names an unsupported version ${JSON.stringify(root.swagger)}`,
      'only Swagger 2.0 is supported; convert older documents to OpenAPI 3',
    );
    return undefined;
  }
  report(
    [],
    'has neither an `openapi` nor a `swagger` field',
    'add `openapi: 3.1.0` (or `swagger: "2.0"`) as the first line',
  );
  return undefined;
}

function checkPaths(root: Record<string, unknown>, format: DocumentFormat, report: Report): void {
  const { paths } = root;
  if (paths === undefined || paths === null) {
    // OpenAPI 3.1 lets a document describe only webhooks or components.
    if (format === 'openapi-3.1' && (root.webhooks !== undefined || root.components !== undefined))
      return;
    report(
      ['paths'],
      'is required',
      'add `paths:` with at least one operation (an empty `paths: {}` is allowed)',
    );
    return;
  }
  if (!isMapping(paths)) {
    report(
      ['paths'],
      'must be a mapping of paths to operations',
      'write each path as a key, e.g. `/declarations:`',
    );
    return;
  }
  for (const [path, item] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    if (!path.startsWith('/')) {
      report(['paths', path], `"${path}" does not start with "/"`, `write it as "/${path}"`);
    }
    if (!isMapping(item)) {
      report(
        ['paths', path],
        'must be a mapping of HTTP methods to operations',
        'indent `get:`, `post:`… under the path',
      );
      continue;
    }
    for (const method of httpMethods) {
      const operation = item[method];
      if (operation !== undefined && !isMapping(operation)) {
        report(
          ['paths', path, method],
          'must be a mapping describing the operation',
          'add at least `summary:` and `responses:` under it',
        );
      }
    }
  }
}

/** True for a YAML mapping (a plain object), the shape most OpenAPI fields must have. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalarText(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}
