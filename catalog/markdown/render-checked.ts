import type { CatalogProblem } from '../problems.ts';
import { checkMarkdown, MarkdownRefusedError, type MarkdownRefusal } from './check-markdown.ts';
import type { MarkdownKind } from './markdown-limits.ts';
import { renderMarkdown, type RenderedMarkdown } from './render-markdown.ts';

/** Where a Markdown text sits, for the problems about it. */
export interface MarkdownPlace {
  file: string;
  /** The line of the field (a description), or of the text's first line (a guide). */
  line: number;
  field: string;
  /** True when the text's lines follow one another in the file from `line` (a guide). */
  linesFollow?: boolean;
}

/** A description that failed to render while a document's operations were listed. */
export class DescriptionRenderError extends Error {
  /** Keys from the document's root to the `description` field. */
  readonly path: readonly string[];

  constructor(path: readonly string[], cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'DescriptionRenderError';
    this.path = path;
  }
}

/**
 * Renders an owner's Markdown once it is within `markdownLimits`; a text refused, or one the
 * renderer fails on all the same, becomes a problem and `undefined` is returned.
 */
export function renderCheckedMarkdown(
  markdown: string,
  kind: MarkdownKind,
  place: MarkdownPlace,
  problems: CatalogProblem[],
): RenderedMarkdown | undefined {
  const refusal = checkMarkdown(markdown, kind);
  if (refusal) {
    problems.push(toMarkdownProblem(place, refusal));
    return undefined;
  }
  try {
    return renderMarkdown(markdown);
  } catch (error) {
    problems.push(toRenderProblem(place, error));
    return undefined;
  }
}

/** The problem for a refused text. */
export function toMarkdownProblem(place: MarkdownPlace, refusal: MarkdownRefusal): CatalogProblem {
  return {
    file: place.file,
    line: place.linesFollow ? place.line + refusal.line - 1 : place.line,
    field: place.field,
    message: refusal.message,
    hint: refusal.hint,
    severity: 'error',
  };
}

/**
 * The problem for a text the renderer threw on: a refusal it met (a tree nested too deeply),
 * or, as a last resort, whatever it failed with (a stack overflow the bounds did not foresee),
 * named without its stack.
 */
export function toRenderProblem(place: MarkdownPlace, error: unknown): CatalogProblem {
  const cause = error instanceof DescriptionRenderError ? error.cause : error;
  if (cause instanceof MarkdownRefusedError) return toMarkdownProblem(place, cause.refusal);
  const reason = cause instanceof Error ? cause.message : String(cause);
  return {
    file: place.file,
    line: place.line,
    field: place.field,
    message: `could not be rendered as Markdown (${reason})`,
    hint: 'simplify this Markdown (fewer levels, shorter runs of marks); if it is ordinary text, tell the portal team',
    severity: 'error',
  };
}
