import { Script, createContext } from 'node:vm';
import { RE2JS } from 're2js';

/**
 * The engine that checks a request against a document's `pattern`s (and `patternProperties`),
 * in place of the backtracking `RegExp` Prism's validator (Ajv) would build. A document is
 * hostile input and so is the request: `^(a+)+$` against 40 `a`s and a `!` takes a backtracking
 * engine 2^40 steps, during which the mock server answers no API at all.
 *
 * - A pattern RE2 can run is matched by RE2 (`re2js`), in time linear in the value. That is
 *   every pattern but those with lookarounds, backreferences or a repeat count over 1,000: 135
 *   of the 143 distinct patterns of the 122 corpus documents.
 * - Any other pattern is matched by V8 with a time budget: 500 ms a value, 1 s in all for one
 *   request. The budget is wall-clock time (V8 can only interrupt a script after a delay), so
 *   it is set far above what a real value takes (microseconds): a busy machine that leaves the
 *   server a sliver of a core must not make a valid value fail (it did at 50 ms). A value whose check runs out of time counts as not matching (a pattern that
 *   backtracks without end is one the value fails), so the request is answered with the
 *   violation instead of holding the server.
 *
 * V8's own linear engine is no way out: Ajv compiles patterns with the `u` flag, which it does
 * not run (nor `i`, nor a repeat count over 16), so `--enable-experimental-regexp-engine-on-
 * excessive-backtracks` leaves Ajv's patterns backtracking.
 */

/** Time one value may take against a pattern RE2 cannot run. */
export const patternCheckMs = 500;
/** Time all such checks of one request may take together. */
export const patternBudgetMs = 1_000;

/** What Ajv needs of a compiled pattern (`code.regExp`'s result). */
export interface BoundedPattern {
  test: (value: string) => boolean;
  toString: () => string;
}

/**
 * The budget of the request being validated, reset by `withPatternBudget`. Validation is
 * synchronous, so one request's checks never interleave with another's.
 */
let remainingMs = patternBudgetMs;
/** How many patterns were compiled here: the mock engine's check that Prism uses this file. */
let compiledCount = 0;

const sandbox = createContext({ pattern: undefined, value: undefined });
const testScript = new Script('pattern.test(value)');

/** Runs one request's validation with a fresh budget for the patterns RE2 cannot run. */
export function withPatternBudget<T>(validate: () => T): T {
  remainingMs = patternBudgetMs;
  return validate();
}

/** How many patterns this engine compiled since the process started. */
export function countCompiledPatterns(): number {
  return compiledCount;
}

/**
 * Compiles `source` as Ajv would (`new RegExp(source, flags)`), into a pattern whose checks are
 * bounded in time. Throws, like `RegExp`, for a pattern that is not a valid ECMAScript one.
 */
export function compileBoundedPattern(source: string, flags: string): BoundedPattern {
  const native = new RegExp(source, flags);
  compiledCount += 1;
  const linear = flags.replace('u', '') === '' ? toLinearPattern(source) : undefined;
  if (linear) {
    return { test: (value) => linear.test(value), toString: () => native.toString() };
  }
  return {
    test: (value) => testWithinBudget(native, value),
    toString: () => native.toString(),
  };
}

/** The pattern on RE2, with ECMAScript's meaning; undefined when RE2 cannot run it. */
function toLinearPattern(source: string): RE2JS | undefined {
  try {
    const translated = toEcmaScriptClasses(RE2JS.translateRegExp(source));
    return translated === undefined ? undefined : RE2JS.compile(translated);
  } catch {
    return undefined;
  }
}

/** ECMAScript's white space and line terminators (`\s`), written for RE2. */
const whiteSpace =
  '\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
/** What ECMAScript's `.` does not match without the `s` flag. */
const lineTerminators = '\\n\\r\\x{2028}\\x{2029}';

/**
 * RE2's `\s` is ASCII white space and its `.` matches `\r`, `\u2028` and `\u2029`: rewritten to
 * ECMAScript's meaning. A `[` inside a class is escaped, as RE2 reads `[:alpha:]` there.
 * Undefined for what has no RE2 form (`\S` inside a class, an empty class).
 */
function toEcmaScriptClasses(source: string): string | undefined {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] ?? '';
    if (char === '\\') {
      const next = source[index + 1] ?? '';
      index += 1;
      if (next === 's') out += inClass ? whiteSpace : `[${whiteSpace}]`;
      else if (next === 'S') {
        if (inClass) return undefined;
        out += `[^${whiteSpace}]`;
      } else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      out += char === '[' ? '\\[' : char;
      continue;
    }
    if (char === '[') {
      const negated = source[index + 1] === '^';
      const first = source[index + (negated ? 2 : 1)];
      if (first === ']') return undefined;
      inClass = true;
      out += negated ? '[^' : '[';
      if (negated) index += 1;
      continue;
    }
    out += char === '.' ? `[^${lineTerminators}]` : char;
  }
  return out;
}

/** Matches on V8 within what is left of the request's budget; out of time is no match. */
function testWithinBudget(pattern: RegExp, value: string): boolean {
  if (remainingMs <= 0) return false;
  const started = performance.now();
  try {
    sandbox.pattern = pattern;
    sandbox.value = value;
    const timeout = Math.max(1, Math.min(patternCheckMs, Math.ceil(remainingMs)));
    return testScript.runInContext(sandbox, { timeout }) === true;
  } catch {
    return false;
  } finally {
    remainingMs -= performance.now() - started;
    sandbox.pattern = undefined;
    sandbox.value = undefined;
  }
}
