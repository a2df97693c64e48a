import { readFile, stat } from 'node:fs/promises';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import { checkConfined } from './confine-path.ts';
import { toDisplayPath } from './display-path.ts';
import type { CatalogProblem } from './problems.ts';
import { checkFileSize, checkValueCount, expandAliases } from './source-limits.ts';

/**
 * A YAML or JSON file read once and kept with its syntax tree, so any value in it can be
 * traced back to a line when a problem is reported. JSON is parsed as YAML 1.2 for the same reason.
 */
export interface SourceFile {
  /** Absolute path on disk. */
  absolutePath: string;
  /** Path relative to the repository root, as problems print it. */
  displayPath: string;
  /** The text as written, line endings included. */
  text: string;
  /** The parsed value, or `undefined` when the file did not parse. */
  value: unknown;
  /** Finds the 1-based line of the value at `path`, or of its nearest existing parent. */
  lineOf: (path: readonly PropertyKey[]) => number;
}

/** What a file that is a loop of symbolic links (a.yaml → b.yaml → a.yaml) is reported as. */
export const loopMessage = 'is a loop of symbolic links that never reaches a file';

/**
 * Reads and parses a YAML or JSON file that must lie inside `folder` (its API's or its mocks
 * folder) once links are followed; a link leading elsewhere, unreadable files and syntax errors
 * become problems, never exceptions.
 */
export async function readSourceFile(
  absolutePath: string,
  folder: string,
  problems: CatalogProblem[],
): Promise<SourceFile | undefined> {
  if (!(await checkConfined(absolutePath, folder, problems))) return undefined;
  const displayPath = toDisplayPath(absolutePath);
  let text: string;
  try {
    const tooLarge = checkFileSize((await stat(absolutePath)).size);
    if (tooLarge) {
      problems.push({ file: displayPath, ...tooLarge, severity: 'error' });
      return undefined;
    }
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      problems.push({
        file: displayPath,
        line: 1,
        field: '(file)',
        message: loopMessage,
        hint: 'replace the links with the file itself',
        severity: 'error',
      });
      return undefined;
    }
    problems.push({
      file: displayPath,
      line: 1,
      field: '(file)',
      message: `cannot be read (${code ?? 'unknown error'})`,
      hint: 'check that the file exists and is readable',
      severity: 'error',
    });
    return undefined;
  }
  return parseSourceText(absolutePath, text, problems);
}

/** Parses text already in memory; see `readSourceFile`. */
export function parseSourceText(
  absolutePath: string,
  text: string,
  problems: CatalogProblem[],
): SourceFile | undefined {
  const displayPath = toDisplayPath(absolutePath);
  const tooMany = checkValueCount(text);
  if (tooMany) {
    problems.push({ file: displayPath, ...tooMany, severity: 'error' });
    return undefined;
  }
  const lineCounter = new LineCounter();
  // Real documents repeat keys; that should not stop a build.
  const document = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const [syntaxError] = document.errors;
  if (syntaxError) {
    const offset = syntaxError.pos[0];
    // The YAML library reports its own stack overflow as a syntax error: the text is valid,
    // only nested more deeply than it can follow.
    if (syntaxError.message.includes('Maximum call stack size exceeded')) {
      problems.push({
        file: displayPath,
        line: lineCounter.linePos(offset).line,
        field: '(nesting)',
        message: 'nests its values more deeply than guichet reads (a thousand levels or more)',
        hint: 'move nested parts under components and point to them with $ref: real documents nest a few dozen levels',
        severity: 'error',
      });
      return undefined;
    }
    problems.push({
      file: displayPath,
      line: lineCounter.linePos(offset).line,
      field: '(syntax)',
      message: `is not valid YAML or JSON: ${firstLine(syntaxError.message)}`,
      hint: 'check indentation, quotes and colons around this line',
      severity: 'error',
    });
    return undefined;
  }
  const complexKey = findCollectionKey(document);
  if (complexKey) {
    problems.push({
      file: displayPath,
      line: complexKey.range ? lineCounter.linePos(complexKey.range[0]).line : 1,
      field: '(keys)',
      message: 'uses a list or a mapping as a key (? …), which JSON cannot hold',
      hint: 'write the key as plain text',
      severity: 'error',
    });
    return undefined;
  }
  const expanded = expandAliases(document, lineCounter);
  if ('refusal' in expanded) {
    problems.push({ file: displayPath, ...expanded.refusal, severity: 'error' });
    return undefined;
  }
  const { value } = expanded;
  return {
    absolutePath,
    displayPath,
    text,
    value,
    lineOf: (path) => findLine(document, lineCounter, path),
  };
}

/**
 * Finds a key that is a list, a mapping or an alias (`? [a, b] : 1`, `? *k : 1`): no OpenAPI
 * document has one, and the YAML library would turn it into text with a warning on stderr.
 */
function findCollectionKey(document: Document): Node | undefined {
  let found: Node | undefined;
  visit(document, {
    Pair: (_key, pair) => {
      if (pair.key === null || isScalar(pair.key)) return undefined;
      found = pair.key as Node;
      return visit.BREAK;
    },
  });
  return found;
}

function findLine(
  document: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): number {
  let node: Node | null | undefined = document.contents;
  let line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(key),
      );
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (keyNode.range) line = lineCounter.linePos(keyNode.range[0]).line;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(key)] as Node | undefined;
      if (!item) break;
      if (item.range) line = lineCounter.linePos(item.range[0]).line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
