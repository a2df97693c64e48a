/**
 * Makes Prism's validator compile patterns with the bounded engine (`bounded-patterns.ts`).
 * Prism builds its Ajv instances itself, when its validator loads, with no way to pass Ajv's
 * `code.regExp` option; so when that one file requires `ajv`, `ajv/dist/2019` or
 * `ajv/dist/2020`, it gets the same class with the option set (`ajv/*.ts`). Nothing else in the
 * process sees a different Ajv. Imported by `prism-engine.ts` before Prism itself, and checked
 * by `assertPatternsBounded` when a mocker is created.
 */
import { createRequire, registerHooks } from 'node:module';
import { countCompiledPatterns } from './bounded-patterns.ts';

/** The one module of Prism that builds Ajv instances (Prism is pinned in package.json). */
const validatorFile = '/@stoplight/prism-http/dist/validator/validators/utils.js';
const replacements = new Map([
  ['ajv', new URL('./ajv/default.ts', import.meta.url).href],
  ['ajv/dist/2019', new URL('./ajv/2019.ts', import.meta.url).href],
  ['ajv/dist/2020', new URL('./ajv/2020.ts', import.meta.url).href],
]);

registerHooks({
  resolve(specifier, context, nextResolve) {
    const replacement = replacements.get(specifier);
    if (replacement !== undefined && context.parentURL?.endsWith(validatorFile) === true) {
      return { url: replacement, format: 'module-typescript', shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});

const require = createRequire(import.meta.url);
const validator = require('@stoplight/prism-http/dist/validator/validators/utils.js') as {
  validateAgainstSchema: (
    value: unknown,
    schema: object,
    coerce: boolean,
    context: string,
    prefix: string,
  ) => unknown;
};

/**
 * Throws unless Prism's validator compiles patterns with the bounded engine: had Prism been
 * loaded before this module (or its layout changed), every request would be checked by a
 * backtracking engine, and the mock server must not start so.
 */
export function assertPatternsBounded(): void {
  const before = countCompiledPatterns();
  // A schema of its own each time: Prism caches compiled schemas by object.
  validator.validateAgainstSchema('x', { type: 'string', pattern: '^x$' }, false, 'input', 'query');
  if (countCompiledPatterns() === before) {
    throw new Error(
      "Prism's validator does not use the mock server's bounded pattern engine: import mock-server/prism/prism-engine.ts before @stoplight/prism-http",
    );
  }
}
