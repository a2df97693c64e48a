import type { CatalogProblem } from '../problems.ts';
import { toWithheldReason } from '../sandbox-answer-headers.ts';
import type { SourceFile } from '../source-file.ts';
import { resolveLocalRef } from './json-pointer.ts';

/** Where a walk does not go: example values, extensions, and calls the API makes, not answers. */
const skippedKeys = new Set(['example', 'examples', 'callbacks', 'webhooks']);

/**
 * Warns about the response headers a document declares that the sandbox does not pass on
 * (`catalog/sandbox-answer-headers.ts`: cookies, CORS, Clear-Site-Data, Refresh, a password
 * prompt, a `Location` to another host…), once per header name and document, at its first
 * answer. Warnings, not errors: a document describes production, where a `Set-Cookie`, a
 * `Location` to the production host or CORS headers are often right; the sandbox only leaves
 * them out of its answers, and a reviewer is told so. Stubs, which exist only for the sandbox,
 * are refused instead (`schema/sandbox-stubs.ts`).
 */
export function checkAnswerHeaders(files: Iterable<SourceFile>, problems: CatalogProblem[]): void {
  const found = new Map<
    string,
    { file: SourceFile; path: string[]; line: number; reason: string; count: number }
  >();
  for (const file of files) {
    walkResponseHeaders(file.value, (path, name, header) => {
      const texts = toExampleTexts(resolveLocalRef(file.value, header));
      const reason =
        texts.length === 0
          ? toWithheldReason(name)
          : texts.map((text) => toWithheldReason(name, text)).find((one) => one !== undefined);
      if (reason === undefined) return;
      const key = name.toLowerCase();
      const line = file.lineOf(path);
      const first = found.get(key);
      if (first === undefined) found.set(key, { file, path, line, reason, count: 1 });
      else {
        first.count += 1;
        // The walk does not go in document order: keep the first answer of the entry file.
        if (first.file === file && line < first.line) Object.assign(first, { path, line, reason });
      }
    });
  }
  for (const { file, path, line, reason, count } of found.values()) {
    const others = count > 1 ? ` (as in ${String(count - 1)} other answers)` : '';
    problems.push({
      file: file.displayPath,
      line,
      field: path.join('.'),
      message: `is not passed on by the sandbox: it ${reason}${others}`,
      hint: 'nothing to change if production sends it; partners trying the sandbox will not get it',
      severity: 'warning',
    });
  }
}

/**
 * Calls `visit` for each header of each response (`…responses.<status>.headers.<name>`), with
 * the header's path. Walks with a stack, not recursion, so a deep document cannot overflow it.
 */
function walkResponseHeaders(
  root: unknown,
  visit: (path: string[], name: string, header: unknown) => void,
): void {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const entries = Object.entries(value as Record<string, unknown>);
    if (path.length >= 3 && path.at(-1) === 'headers' && path.at(-3) === 'responses') {
      for (const [name, header] of entries) visit([...path, name], name, header);
      continue;
    }
    for (const [key, child] of entries) {
      if (skippedKeys.has(key) || key.startsWith('x-')) continue;
      if (child !== null && typeof child === 'object')
        stack.push({ value: child, path: [...path, key] });
    }
  }
}

/** The texts a header object gives as its value: examples, defaults, enumerated values. */
function toExampleTexts(header: unknown): string[] {
  if (!isObject(header)) return [];
  const schema = isObject(header.schema) ? header.schema : {};
  const examples = isObject(header.examples) ? Object.values(header.examples) : [];
  return [
    header.example,
    header['x-example'],
    ...examples.map((example) => (isObject(example) ? example.value : undefined)),
    header.default,
    schema.example,
    schema.default,
    ...(Array.isArray(header.enum) ? (header.enum as unknown[]) : []),
    ...(Array.isArray(schema.enum) ? (schema.enum as unknown[]) : []),
  ].filter((value): value is string => typeof value === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
