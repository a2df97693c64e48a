import { checkMarkdown } from '../markdown/check-markdown.ts';
import { toMarkdownProblem } from '../markdown/render-checked.ts';
import { toFieldPath, type CatalogProblem } from '../problems.ts';
import { isLiteral } from './literal-values.ts';
import type { DocumentFiles } from './read-document.ts';

/**
 * Bounds every `description` of a document, in every file its `$ref`s reach, before anything
 * renders one: the portal renders those of `info` and of operations, and the console those of
 * parameters, schemas, tags and extensions (`x-…`). A description outside `markdownLimits`
 * becomes a problem at its own line, so the API is left out rather than crashing the build.
 * Descriptions inside examples and defaults are data, never rendered, and are not checked.
 */
export function checkDescriptions(files: DocumentFiles, problems: CatalogProblem[]): void {
  for (const file of files.files.values()) {
    const stack: { value: unknown; path: string[] }[] = [{ value: file.value, path: [] }];
    while (stack.length > 0) {
      const { value, path } = stack.pop() as { value: unknown; path: string[] };
      if (value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        value.forEach((item, index) => stack.push({ value: item, path: [...path, String(index)] }));
        continue;
      }
      for (const [key, child] of Object.entries(value)) {
        if (isLiteral(key, child, path)) continue;
        const childPath = [...path, key];
        const isDescription = key === 'description' && path.at(-1) !== 'properties';
        if (isDescription && typeof child === 'string') {
          const refusal = checkMarkdown(child, 'description');
          if (!refusal) continue;
          const place = {
            file: file.displayPath,
            line: file.lineOf(childPath),
            field: toFieldPath(childPath),
          };
          problems.push(toMarkdownProblem(place, refusal));
        } else if (child !== null && typeof child === 'object') {
          stack.push({ value: child, path: childPath });
        }
      }
    }
  }
}
