import type { Options } from 'ajv';
import { compileBoundedPattern } from './bounded-patterns.ts';

/** Ajv's `code.regExp`: how a schema's `pattern` becomes something to `test` values with. */
const regExp = Object.assign(compileBoundedPattern, { code: 'compileBoundedPattern' });

/**
 * Ajv options with every pattern compiled by the bounded engine (`bounded-patterns.ts`), and no
 * check of each schema against its meta-schema: that check compares every two values of an
 * `enum` (`uniqueItems`), so an enum of 300,000 values held the server for minutes on the first
 * request (7 ms without). The catalog and `lint:apis` already check the documents.
 */
export function withBoundedPatterns(options: Options): Options {
  return { ...options, validateSchema: false, code: { ...options.code, regExp } };
}
