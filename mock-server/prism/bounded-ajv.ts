import type { Options } from 'ajv';
import { compileBoundedPattern } from './bounded-patterns.ts';

/** Ajv's `code.regExp`: how a schema's `pattern` becomes something to `test` values with. */
const regExp = Object.assign(compileBoundedPattern, { code: 'compileBoundedPattern' });

/** Ajv options with every pattern compiled by the bounded engine (`bounded-patterns.ts`). */
export function withBoundedPatterns(options: Options): Options {
  return { ...options, code: { ...options.code, regExp } };
}
