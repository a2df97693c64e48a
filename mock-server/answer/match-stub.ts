import {
  isTemplatedPath,
  matchPathTemplate,
  parsePathTemplate,
  type PathTemplate,
  type SandboxStub,
} from '../../catalog/index.ts';

/** A request as stubs see it: path relative to the version, headers with lower-case names. */
export interface StubbedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

/** A stub ready to match: its template compiled once, its header names in lower case. */
export interface CompiledStub {
  stub: SandboxStub;
  template: PathTemplate | undefined;
  headers: [string, string][];
}

/** Keeps the stubs of one version, in file order, ready to match. */
export function compileStubs(stubs: readonly SandboxStub[], versionId: string): CompiledStub[] {
  return stubs
    .filter((stub) => stub.versions.includes(versionId))
    .map((stub) => ({
      stub,
      template: isTemplatedPath(stub.request.path)
        ? parsePathTemplate(stub.request.path)
        : undefined,
      headers: Object.entries(stub.request.headers).map(([name, value]) => [
        name.toLowerCase(),
        value,
      ]),
    }));
}

/** The first stub whose conditions the request meets, in file order. */
export function findStub(
  stubs: readonly CompiledStub[],
  request: StubbedRequest,
): SandboxStub | undefined {
  return stubs.find((compiled) => isMatch(compiled, request))?.stub;
}

function isMatch(compiled: CompiledStub, request: StubbedRequest): boolean {
  const { stub, template } = compiled;
  const wanted = stub.request;
  if (wanted.method !== request.method) return false;
  if (template) {
    const values = matchPathTemplate(template, request.path);
    if (!values) return false;
    if (Object.entries(wanted.params).some(([name, value]) => values[name] !== value)) return false;
  } else if (safeDecode(request.path) !== wanted.path) {
    return false;
  }
  for (const [name, value] of Object.entries(wanted.query)) {
    const actual = request.query[name];
    if (Array.isArray(actual) ? !actual.includes(value) : actual !== value) return false;
  }
  for (const [name, value] of compiled.headers) {
    if (request.headers[name]?.trim() !== value) return false;
  }
  // Who calls, as the gateway states it (it drops these headers when a client sends them).
  if (wanted.consumer !== undefined && request.headers['x-guichet-consumer'] !== wanted.consumer) {
    return false;
  }
  if (wanted.scopes.length > 0) {
    const granted = (request.headers['x-guichet-scopes'] ?? '').split(' ');
    if (!wanted.scopes.every((scope) => granted.includes(scope))) return false;
  }
  return wanted.body === undefined || isSubset(wanted.body, request.body);
}

/**
 * True when `actual` holds everything `expected` says: mappings field by field (extra fields
 * allowed), lists and values exactly.
 */
export function isSubset(expected: unknown, actual: unknown): boolean {
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(expected).every(
      ([key, value]) => Object.hasOwn(actual, key) && isSubset(value, actual[key]),
    );
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((value, index) => isDeepEqual(value, actual[index]))
    );
  }
  return expected === actual;
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  if (isPlainObject(a)) {
    return isPlainObject(b) && Object.keys(a).length === Object.keys(b).length && isSubset(a, b);
  }
  return isSubset(a, b);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
