import { isAlias, visit, type Document, type LineCounter, type Node } from 'yaml';
import type { CatalogProblem } from './problems.ts';

/**
 * How much one file may hold. Documents come from pull requests: a few hundred bytes of YAML
 * aliases (`&name` … `*name`) can stand for gigabytes once expanded, and a flat list of a few
 * million values keeps the YAML parser busy for minutes. The largest of the 122 real documents
 * guichet is tried on (3.2 MB, 67,000 values, no alias) stays far below every bound.
 */
export const sourceLimits = {
  /** Bytes of one file, checked before it is read. */
  fileBytes: 32 * 1024 * 1024,
  /** Values of one file as written, estimated before the YAML parser runs. */
  values: 1_000_000,
  /** Alias nodes (`*name`) in one file: each costs the parser a walk over the anchors. */
  aliases: 10_000,
  /** The `yaml` library's `maxAliasCount`: copies made through aliases, nested ones multiplied. */
  aliasCopies: 100_000,
  /** Values once every alias is expanded, as every later step sees them. */
  expandedValues: 2_000_000,
  /** Characters of text (keys and strings) once every alias is expanded. */
  expandedChars: 64 * 1024 * 1024,
} as const;

const splitHint = 'split the document into files joined by $ref, or trim what partners do not need';
const aliasHint = 'write a repeated part once, under components, and point to it with $ref';

/** A problem of the whole file, placed at `line`. */
export type Refusal = Pick<CatalogProblem, 'field' | 'message' | 'hint'> & { line: number };

/** Refuses a file too large to read at all. */
export function checkFileSize(bytes: number): Refusal | undefined {
  if (bytes <= sourceLimits.fileBytes) return undefined;
  return {
    line: 1,
    field: '(file)',
    message: `is ${toMegabytes(bytes)} MB, more than the ${toMegabytes(sourceLimits.fileBytes)} MB guichet reads`,
    hint: splitHint,
  };
}

/**
 * Refuses text with more values than guichet reads, before the YAML parser spends minutes on
 * it: JSON is counted exactly (`JSON.parse` is fast), YAML by its separators, since every value
 * but the first needs a line break or a comma of its own.
 */
export function checkValueCount(text: string): Refusal | undefined {
  if (countWritten(text) <= sourceLimits.values) return undefined;
  return {
    line: 1,
    field: '(size)',
    message: `holds more than ${sourceLimits.values.toLocaleString('en')} values`,
    hint: splitHint,
  };
}

/**
 * Checks a parsed YAML document's aliases before they are expanded: how many there are, that
 * each names an anchor set before it, and that none sits inside the value it names (which
 * would never end). Returns the line of the first alias too, where later refusals point.
 */
function checkAliases(
  document: Document,
  lineCounter: LineCounter,
): { refusal?: Refusal; firstAliasLine?: number } {
  const anchors = new Set<string>();
  let count = 0;
  let firstAliasLine: number | undefined;
  let refusal: Refusal | undefined;
  const lineOf = (node: Node): number => (node.range ? lineCounter.linePos(node.range[0]).line : 1);
  visit(document, {
    Node: (_key, node, path) => {
      if (!isAlias(node)) {
        if (node.anchor) anchors.add(node.anchor);
        return undefined;
      }
      count += 1;
      firstAliasLine ??= lineOf(node);
      if (!anchors.has(node.source)) {
        refusal = {
          line: lineOf(node),
          field: '(aliases)',
          message: `*${node.source} names no anchor (&${node.source}) set before it`,
          hint: 'set the anchor before the alias, or write the value out',
        };
        return visit.BREAK;
      }
      if (path.some((parent) => (parent as { anchor?: string }).anchor === node.source)) {
        refusal = {
          line: lineOf(node),
          field: '(aliases)',
          message: `*${node.source} is inside the value it names, so the document never ends`,
          hint: 'write the value out instead of the alias',
        };
        return visit.BREAK;
      }
      if (count > sourceLimits.aliases) {
        refusal = {
          line: firstAliasLine,
          field: '(aliases)',
          message: `uses more than ${sourceLimits.aliases.toLocaleString('en')} YAML aliases (*name)`,
          hint: aliasHint,
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return { ...(refusal && { refusal }), ...(firstAliasLine !== undefined && { firstAliasLine }) };
}

/**
 * Turns a parsed YAML document into its value within the bounds: aliases checked first, then
 * expanded by the `yaml` library up to `aliasCopies`, then the expanded size measured.
 */
export function expandAliases(
  document: Document,
  lineCounter: LineCounter,
): { value: unknown } | { refusal: Refusal } {
  const aliases = checkAliases(document, lineCounter);
  if (aliases.refusal) return { refusal: aliases.refusal };
  const line = aliases.firstAliasLine ?? 1;
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: sourceLimits.aliasCopies });
  } catch (error) {
    // The yaml library stops expanding with a ReferenceError past `maxAliasCount`.
    if (!(error instanceof ReferenceError)) throw error;
    return { refusal: toAliasCopiesRefusal(line) };
  }
  const tooLarge = checkExpandedSize(value, line);
  return tooLarge ? { refusal: tooLarge } : { value };
}

function toAliasCopiesRefusal(line: number): Refusal {
  return {
    line,
    field: '(aliases)',
    message: `expands its YAML aliases (*name) into more values than guichet reads (over ${sourceLimits.aliasCopies.toLocaleString('en')} copies)`,
    hint: aliasHint,
  };
}

/**
 * Refuses a parsed value too large once aliases are expanded. Aliased values are shared, not
 * copied, in what the parser returns, so sizes are counted once per shared value and multiplied
 * by its uses: counting stays as fast as the file is small.
 */
function checkExpandedSize(value: unknown, line: number): Refusal | undefined {
  const size = countValues(value);
  const tail = 'once its YAML aliases (*name) are expanded';
  if (size.values > sourceLimits.expandedValues) {
    return {
      line,
      field: '(size)',
      message: `holds more than ${sourceLimits.expandedValues.toLocaleString('en')} values ${tail}`,
      hint: aliasHint,
    };
  }
  if (size.chars > sourceLimits.expandedChars) {
    return {
      line,
      field: '(size)',
      message: `holds more than ${toMegabytes(sourceLimits.expandedChars)} MB of text ${tail}`,
      hint: aliasHint,
    };
  }
  return undefined;
}

interface Size {
  values: number;
  chars: number;
}

/**
 * Counts values and characters as if every shared object were copied where it is used, without
 * copying it: each object is measured once (depth first, without recursion, since documents
 * nest deeply) and its size reused. A value that contains itself counts as infinite.
 */
function countValues(root: unknown): Size {
  if (root === null || typeof root !== 'object') return sizeOfLeaf(root);
  const sizes = new Map<object, Size>();
  const open = new Set<object>();
  const stack: object[] = [root];
  while (stack.length > 0) {
    const value = stack[stack.length - 1] as object;
    if (sizes.has(value)) {
      stack.pop();
      continue;
    }
    const children = childrenOf(value);
    if (!open.has(value)) {
      open.add(value);
      for (const child of children) {
        if (child === null || typeof child !== 'object' || sizes.has(child)) continue;
        if (open.has(child)) return { values: Infinity, chars: Infinity };
        stack.push(child);
      }
      continue;
    }
    stack.pop();
    open.delete(value);
    const size: Size = { values: 1, chars: Array.isArray(value) ? 0 : keyChars(value) };
    for (const child of children) {
      const part =
        child !== null && typeof child === 'object'
          ? (sizes.get(child) ?? { values: Infinity, chars: Infinity })
          : sizeOfLeaf(child);
      size.values += part.values;
      size.chars += part.chars;
    }
    sizes.set(value, size);
  }
  return sizes.get(root) ?? { values: Infinity, chars: Infinity };
}

function childrenOf(value: object): readonly unknown[] {
  return Array.isArray(value) ? value : Object.values(value);
}

function keyChars(value: object): number {
  let chars = 0;
  for (const key of Object.keys(value)) chars += key.length;
  return chars;
}

function sizeOfLeaf(value: unknown): Size {
  return { values: 1, chars: typeof value === 'string' ? value.length : 0 };
}

function countWritten(text: string): number {
  if (/^\s*[[{]/.test(text)) {
    try {
      return countValues(JSON.parse(text)).values;
    } catch {
      // Not JSON after all (YAML flow style): count its separators like any YAML.
    }
  }
  return countSeparators(text);
}

function countSeparators(text: string): number {
  let count = 1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 44) count += 1;
  }
  return count;
}

function toMegabytes(bytes: number): string {
  return String(Math.round(bytes / (1024 * 1024)));
}
