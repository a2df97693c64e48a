import { createRequire } from 'node:module';

/**
 * The fallback preparation, for documents Prism's own cannot finish. `getHttpOperationsFromSpec`
 * dereferences every `$ref` and then copies each shared schema wherever it is used: the work
 * grows with the number of paths through the schema graph, which for some real documents
 * (Stripe's) never ends. Here the operations come from the document as written (Prism's own
 * transformer, `@stoplight/http-spec`, keeps `$ref`s), and every schema a `$ref` reaches is
 * converted once into one bundle the operations share as `__bundled__`, the place Prism's
 * validator and generators already look `$ref`s up in.
 */

interface HttpSpec {
  transformOas2Operations: (document: unknown) => Record<string, unknown>[];
  transformOas3Operations: (document: unknown) => Record<string, unknown>[];
  convertToJsonSchema: (document: unknown, schema: unknown, references: object) => unknown;
}

// Prism's own dependency, at the version Prism pins; required so its CommonJS entry points load.
const require = createRequire(import.meta.url);
const httpSpec: HttpSpec = {
  ...(require('@stoplight/http-spec/oas2/operation') as Pick<HttpSpec, 'transformOas2Operations'>),
  ...(require('@stoplight/http-spec/oas3/operation') as Pick<HttpSpec, 'transformOas3Operations'>),
  ...(require('@stoplight/http-spec/oas') as Pick<HttpSpec, 'convertToJsonSchema'>),
};

const bundlePrefix = '#/__bundled__';

/** Prepares Prism operations without dereferencing: milliseconds where Prism's takes minutes. */
export function prepareByReference(document: Record<string, unknown>): unknown[] {
  const operations =
    document.swagger === undefined
      ? httpSpec.transformOas3Operations(document)
      : httpSpec.transformOas2Operations(document);
  const bundle: Record<string, unknown> = {};
  const pending: string[] = [];
  const seenRefs = new Set<string>();
  const seenObjects = new Set<object>();
  const rebase = (value: unknown): void => {
    for (const ref of rebaseRefs(value, seenObjects)) {
      if (seenRefs.has(ref)) continue;
      seenRefs.add(ref);
      pending.push(ref);
    }
  };
  for (const operation of operations) rebase(operation);
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const keys = toPointerKeys(ref);
    // A target that does not exist becomes an empty schema: it accepts anything.
    const converted = httpSpec.convertToJsonSchema(document, getAt(document, keys) ?? {}, {});
    setAt(bundle, keys, converted);
    rebase(converted);
  }
  for (const operation of operations) operation.__bundled__ = bundle;
  return operations;
}

/**
 * Points every local `$ref` under `value` into the bundle and returns the ones it changed.
 * Examples are payload, not schemas: a `$ref` inside one stays as written.
 */
function rebaseRefs(value: unknown, seen: Set<object>): string[] {
  const found: string[] = [];
  const stack = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) {
      stack.push(...(current as unknown[]));
      continue;
    }
    const record = current as Record<string, unknown>;
    const ref = record.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/') && !ref.startsWith(bundlePrefix)) {
      found.push(ref);
      record.$ref = `${bundlePrefix}${ref.slice(1)}`;
    }
    for (const [key, child] of Object.entries(record)) {
      if (key === 'example' || key === 'examples' || key === '__bundled__') continue;
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return found;
}

function toPointerKeys(ref: string): string[] {
  return ref
    .slice(2)
    .split('/')
    .map((key) => {
      let decoded = key;
      try {
        decoded = decodeURIComponent(key);
      } catch {
        // Not percent-encoded after all.
      }
      return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

function getAt(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function setAt(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let current = target;
  keys.slice(0, -1).forEach((key) => {
    const next = current[key];
    if (next === null || typeof next !== 'object') current[key] = {};
    current = current[key] as Record<string, unknown>;
  });
  const last = keys.at(-1);
  if (last !== undefined) current[last] = value;
}
