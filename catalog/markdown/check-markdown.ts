import type { Node, Parent } from 'unist';
import { markdownLimits, type MarkdownKind } from './markdown-limits.ts';

/** Why a text is not rendered: the 1-based line (within the text) where the bound was passed. */
export interface MarkdownRefusal {
  line: number;
  message: string;
  hint: string;
}

/** A refusal met while rendering (the parsed tree nests too deeply), thrown to the caller. */
export class MarkdownRefusedError extends Error {
  /** The refusal, as `checkMarkdown` would have returned it. */
  readonly refusal: MarkdownRefusal;

  constructor(refusal: MarkdownRefusal) {
    super(refusal.message);
    this.name = 'MarkdownRefusedError';
    this.refusal = refusal;
  }
}

/** Elements that never hold others, so they open no level. */
const voidElements = new Set(
  'area base br col embed hr img input link meta source track wbr'.split(' '),
);
const escapeHint = 'escape the characters meant literally with a backslash, or put them in `code`';

/**
 * Reads Markdown once, line by line, without parsing it, and refuses it before the renderer
 * starts when it is larger or nests deeper than `markdownLimits`. Every count is an upper
 * bound of what the parser will build (code blocks and code spans are counted like text), so
 * nothing the renderer would choke on gets through: a level of block quote or list needs its
 * marker or its indentation on every line that opens something inside it.
 */
export function checkMarkdown(text: string, kind: MarkdownKind): MarkdownRefusal | undefined {
  const maxChars = kind === 'guide' ? markdownLimits.guideChars : markdownLimits.descriptionChars;
  if (text.length > maxChars) {
    return {
      line: 1,
      message: `is ${formatCount(text.length)} characters of Markdown, more than the ${formatCount(maxChars)} guichet renders`,
      hint:
        kind === 'guide'
          ? 'split it into several guides'
          : 'shorten it, and move long explanations to a guide (guides/*.md)',
    };
  }
  return checkLines(text) ?? checkHtmlDepth(text);
}

function checkLines(text: string): MarkdownRefusal | undefined {
  const counts: Counts = { ...noCounts };
  let tableColumns = 0;
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const at = index + 1;
    const prefix = measureContainerPrefix(line);
    if (prefix.depth > markdownLimits.containerDepth) {
      return {
        line: at,
        message: `nests block quotes and lists more than ${String(markdownLimits.containerDepth)} levels deep`,
        hint: 'flatten the quotes and lists: a few levels say as much',
      };
    }
    const content = line.slice(prefix.end);
    // A definition's label always ends with `]:`; counting those counts every definition.
    counts.definitions += countMatches(content, /\]:/g);
    const emphasis = countMatches(content, /[*_~]+/g);
    const brackets = countMatches(content, /[[\]]/g);
    counts.emphasis += emphasis;
    counts.brackets += brackets;
    // A blank line ends every paragraph: marks are paired within one only.
    const blank = content.trim() === '';
    counts.paragraphEmphasis = blank ? 0 : counts.paragraphEmphasis + emphasis;
    counts.paragraphBrackets = blank ? 0 : counts.paragraphBrackets + brackets;
    if (blank) tableColumns = 0;
    else if (tableColumns > 0) counts.cells += tableColumns;
    else {
      tableColumns = countDelimiterColumns(content);
      // The header row above has as many cells as the delimiter row.
      counts.cells += 2 * tableColumns;
    }
    const passed = findPassedCount(counts);
    if (passed) return { line: at, ...passed };
  }
  return undefined;
}

const noCounts = {
  definitions: 0,
  emphasis: 0,
  paragraphEmphasis: 0,
  brackets: 0,
  paragraphBrackets: 0,
  cells: 0,
};
type Counts = typeof noCounts;

function findPassedCount(counts: Counts): Omit<MarkdownRefusal, 'line'> | undefined {
  if (counts.definitions > markdownLimits.linkDefinitions) {
    return {
      message: `defines more than ${formatCount(markdownLimits.linkDefinitions)} link references ([name]: url)`,
      hint: 'write the links inline, as [text](https://…), or split the text',
    };
  }
  if (counts.emphasis > markdownLimits.emphasisRuns) {
    return {
      message: `holds more than ${formatCount(markdownLimits.emphasisRuns)} emphasis marks (*, _ or ~)`,
      hint: escapeHint,
    };
  }
  if (counts.paragraphEmphasis > markdownLimits.paragraphEmphasisRuns) {
    return {
      message: `holds more than ${formatCount(markdownLimits.paragraphEmphasisRuns)} emphasis marks (*, _ or ~) in one paragraph`,
      hint: escapeHint,
    };
  }
  if (counts.paragraphBrackets > markdownLimits.paragraphBrackets) {
    return {
      message: `holds more than ${formatCount(markdownLimits.paragraphBrackets)} square brackets ([ or ]) in one paragraph`,
      hint: escapeHint,
    };
  }
  if (counts.brackets > markdownLimits.brackets) {
    return {
      message: `holds more than ${formatCount(markdownLimits.brackets)} square brackets ([ or ])`,
      hint: escapeHint,
    };
  }
  if (counts.cells > markdownLimits.tableCells) {
    return {
      message: `holds tables of more than ${formatCount(markdownLimits.tableCells)} cells`,
      hint: 'split the table, or offer the data as a file to download',
    };
  }
  return undefined;
}

/**
 * Counts the block quotes (`>`) and list items (`-`, `*`, `+`, `1.`, `1)`) a line opens or
 * continues, where its text starts, and its indentation: a list nested by indentation alone
 * needs at least two columns per level, so four columns are counted as one level at most.
 */
function measureContainerPrefix(line: string): { depth: number; end: number } {
  let markers = 0;
  let columns = 0;
  let index = 0;
  for (;;) {
    while (line[index] === ' ' || line[index] === '\t') {
      columns += line[index] === '\t' ? 4 : 1;
      index += 1;
    }
    const char = line[index] ?? '';
    let next = index;
    if (char === '>') next = index + 1;
    else if ('-*+'.includes(char) && char !== '' && isSpaceOrEnd(line, index + 1)) next = index + 1;
    else {
      const ordinal = /^\d{1,9}[.)]/.exec(line.slice(index, index + 10))?.[0];
      if (ordinal && isSpaceOrEnd(line, index + ordinal.length)) next = index + ordinal.length;
    }
    if (next === index) break;
    markers += 1;
    index = next;
  }
  return { depth: markers === 0 ? 0 : markers + Math.floor(columns / 4), end: index };
}

function isSpaceOrEnd(line: string, index: number): boolean {
  return index >= line.length || line[index] === ' ' || line[index] === '\t';
}

/** Columns of a GFM table's delimiter row (`| --- | :-: |`), or 0 when the line is not one. */
function countDelimiterColumns(content: string): number {
  if (!content.includes('|')) return 0;
  if (!/^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/.test(content)) return 0;
  return countMatches(content, /-+/g);
}

/**
 * Follows the HTML elements the text opens and closes, as the HTML parser would: a closing tag
 * closes the nearest open element of its name and every element opened after it, and one that
 * matches no open element is ignored. Auto-closing (`<p>` before `<div>`) is not modelled, so
 * the depth found is never less than the parser's.
 */
function checkHtmlDepth(text: string): MarkdownRefusal | undefined {
  const open: string[] = [];
  const openByName = new Map<string, number>();
  for (const match of text.matchAll(/<(\/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)/g)) {
    const name = (match[2] ?? '').toLowerCase();
    if (match[1] === '/') {
      if (!openByName.get(name)) continue;
      for (let closed = open.pop(); closed !== undefined; closed = open.pop()) {
        openByName.set(closed, (openByName.get(closed) ?? 1) - 1);
        if (closed === name) break;
      }
      continue;
    }
    if (voidElements.has(name)) continue;
    open.push(name);
    openByName.set(name, (openByName.get(name) ?? 0) + 1);
    if (open.length > markdownLimits.htmlDepth) {
      return {
        line: countMatches(text.slice(0, match.index), /\n/g) + 1,
        message: `nests HTML elements more than ${String(markdownLimits.htmlDepth)} levels deep`,
        hint: 'close each element (</div>) before opening the next, or write Markdown instead',
      };
    }
  }
  return undefined;
}

/**
 * Refuses a parsed Markdown tree deeper than `markdownLimits.treeDepth` (emphasis inside
 * emphasis, say), before the steps that recurse once per level run on it. Walks without
 * recursion, for the same reason.
 */
export function checkTreeDepth(tree: Node): MarkdownRefusal | undefined {
  const stack: { node: Node; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Node; depth: number };
    if (depth > markdownLimits.treeDepth) {
      return {
        line: node.position?.start.line ?? 1,
        message: `nests Markdown more than ${String(markdownLimits.treeDepth)} levels deep (emphasis, links or quotes inside one another)`,
        hint: 'flatten it: a few levels say as much',
      };
    }
    for (const child of (node as Partial<Parent>).children ?? []) {
      stack.push({ node: child, depth: depth + 1 });
    }
  }
  return undefined;
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function formatCount(count: number): string {
  return count.toLocaleString('en');
}
