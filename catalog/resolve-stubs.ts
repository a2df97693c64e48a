import { closest } from './describe-issue.ts';
import type {
  CatalogApi,
  CatalogOperation,
  CatalogVersion,
  SandboxExample,
  SandboxStub,
} from './model.ts';
import { isMapping } from './openapi/check-document.ts';
import {
  findOperationByReference,
  findOperationByRequest,
  findResponseKey,
  listDocumentExamples,
  responsesOf,
  suggestOperations,
} from './openapi/operation-lookup.ts';
import { isTemplatedPath, parsePathTemplate } from './openapi/path-template.ts';
import type { CatalogProblem } from './problems.ts';
import type {
  SandboxExampleEntry,
  SandboxStubEntry,
  SandboxStubsFile,
} from './schema/sandbox-stubs.ts';
import type { SourceFile } from './source-file.ts';

/**
 * Checks a stubs file against the API's documents: every version, operation, status and
 * example it names must exist, so a stub never silently fails to answer. Each mistake becomes a
 * problem at its line; the resolved stubs say which versions they apply to.
 */
export function resolveStubs(
  api: CatalogApi,
  file: SourceFile,
  content: SandboxStubsFile,
  problems: CatalogProblem[],
): { examples: SandboxExample[]; stubs: SandboxStub[] } {
  const report = (path: PropertyKey[], message: string, hint: string): void => {
    problems.push({
      file: file.displayPath,
      line: file.lineOf(path),
      field: path.map(String).join('.'),
      message,
      hint,
      severity: 'error',
    });
  };
  const resolved = content.examples.flatMap((entry, index) => {
    const example = resolveExample(api, entry, ['examples', index], report);
    return example ? [{ example, index }] : [];
  });
  checkExampleNames(api, resolved, report);
  const examples = resolved.map(({ example }) => example);
  checkStubNames(content.stubs, report);
  const stubs = content.stubs.flatMap((entry, index) => {
    const stub = resolveStub(api, entry, examples, ['stubs', index], report);
    return stub ? [stub] : [];
  });
  return { examples, stubs };
}

/** Files a problem at a field of the stubs file. */
export type Report = (path: PropertyKey[], message: string, hint: string) => void;

function resolveExample(
  api: CatalogApi,
  entry: SandboxExampleEntry,
  at: PropertyKey[],
  report: Report,
): SandboxExample | undefined {
  const versions = pickVersions(api, entry.versions, [...at, 'versions'], report);
  if (!versions) return undefined;
  const found = versions.flatMap((version) => {
    const operation = findOperationByReference(version, entry.operation);
    return operation ? [{ version, operation }] : [];
  });
  const [first] = found;
  const missing =
    entry.versions === undefined ? found.length === 0 : found.length < versions.length;
  if (!first || missing) {
    const where = versions.find((version) => !findOperationByReference(version, entry.operation));
    report(
      [...at, 'operation'],
      `names no operation of ${api.id}${toVersionLabel(where)}`,
      suggestOperations(where ?? versions[0], entry.operation),
    );
    return undefined;
  }
  for (const { version, operation } of found) {
    if (!checkStatus(version, operation, entry.status, [...at, 'status'], report)) return undefined;
  }
  const { name, description, status, headers, body, contentType } = entry;
  return {
    name,
    description,
    operation: entry.operation,
    status,
    headers,
    body,
    versions: found.map(({ version }) => version.id),
    method: first.operation.method,
    path: first.operation.path,
    contentType: contentType ?? toDefaultContentType(entry.status, entry.body),
  };
}

function resolveStub(
  api: CatalogApi,
  entry: SandboxStubEntry,
  examples: readonly SandboxExample[],
  at: PropertyKey[],
  report: Report,
): SandboxStub | undefined {
  const versions = pickVersions(api, entry.versions, [...at, 'versions'], report);
  if (!versions) return undefined;
  const { method, path, params } = entry.request;
  const unknownParam = Object.keys(params).find(
    (name) => !parsePathTemplate(path).names.includes(name),
  );
  if (unknownParam !== undefined) {
    report(
      [...at, 'request', 'params', unknownParam],
      `is not a placeholder of ${path}`,
      isTemplatedPath(path)
        ? `placeholders here: ${parsePathTemplate(path).names.join(', ')}`
        : 'write the path as its template (`/entreprises/{siren}`) to give values, or put the value in the path',
    );
    return undefined;
  }
  const found = versions.flatMap((version) => {
    const operation = findOperationByRequest(version, method, path);
    return operation ? [{ version, operation }] : [];
  });
  const missing =
    entry.versions === undefined ? found.length === 0 : found.length < versions.length;
  if (missing) {
    const where = versions.find((version) => !findOperationByRequest(version, method, path));
    report(
      [...at, 'request', 'path'],
      `matches no operation of ${api.id}${toVersionLabel(where)} for ${method} ${path}`,
      suggestOperations(where ?? versions[0], `${method} ${path}`),
    );
    return undefined;
  }
  const { response } = entry;
  for (const { version, operation } of found) {
    if (!checkStatus(version, operation, response.status, [...at, 'response', 'status'], report)) {
      return undefined;
    }
    const name = response.example;
    if (name === undefined) continue;
    const own = examples.some(
      (example) =>
        example.name === name &&
        example.versions.includes(version.id) &&
        example.method === operation.method &&
        example.path === operation.path,
    );
    const documented = listDocumentExamples(version, operation, response.status);
    if (!own && !documented.includes(name)) {
      report(
        [...at, 'response', 'example'],
        `names no example of ${operation.method} ${operation.path} for status ${response.status} in ${version.id}`,
        documented.length > 0
          ? `examples for this status: ${documented.join(', ')}`
          : 'add it under `examples:` in this file, or write the answer in `body`',
      );
      return undefined;
    }
  }
  const { contentType, ...rest } = response;
  const resolvedType =
    contentType ??
    (rest.body === undefined ? undefined : toDefaultContentType(rest.status, rest.body));
  return {
    ...entry,
    versions: found.map(({ version }) => version.id),
    response: { ...rest, ...(resolvedType === undefined ? {} : { contentType: resolvedType }) },
  };
}

/** ` v2`: the version a message is about, when there is one. */
export function toVersionLabel(version: CatalogVersion | undefined): string {
  return version ? ` ${version.id}` : '';
}

/** The versions an entry applies to: those it lists (each must exist), else all of them. */
export function pickVersions(
  api: CatalogApi,
  listed: readonly string[] | undefined,
  at: PropertyKey[],
  report: Report,
): CatalogVersion[] | undefined {
  if (listed === undefined) return api.versions;
  const known = api.versions.map((version) => version.id);
  const unknown = listed.findIndex((id) => !known.includes(id));
  if (unknown !== -1) {
    const id = listed[unknown] ?? '';
    const guess = closest(id, known);
    report(
      [...at, unknown],
      `names no version of ${api.id} (got "${id}")`,
      guess ? `did you mean "${guess}"?` : `versions of ${api.id}: ${known.join(', ')}`,
    );
    return undefined;
  }
  return api.versions.filter((version) => listed.includes(version.id));
}

function checkStatus(
  version: CatalogVersion,
  operation: CatalogOperation,
  status: number,
  at: PropertyKey[],
  report: Report,
): boolean {
  const responses = responsesOf(version, operation);
  if (findResponseKey(responses, status) !== undefined) return true;
  const declared = Object.keys(responses).filter((key) => !key.startsWith('x-'));
  report(
    at,
    `${status} is not a response of ${operation.method} ${operation.path} in ${version.id}`,
    declared.length > 0
      ? `use one of ${declared.join(', ')}, or declare ${status} in the document`
      : `declare ${status} in the document`,
  );
  return false;
}

/** The first match wins and the portal lists stubs by name: each name once. */
function checkStubNames(entries: readonly SandboxStubEntry[], report: Report): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.name)) {
      report(
        ['stubs', index, 'name'],
        `repeats the stub name "${entry.name}"`,
        'give each stub its own name',
      );
    }
    seen.add(entry.name);
  });
}

/** Two extra examples of one operation may not share a name, nor take one the document uses. */
function checkExampleNames(
  api: CatalogApi,
  examples: readonly { example: SandboxExample; index: number }[],
  report: Report,
): void {
  const seen = new Set<string>();
  examples.forEach(({ example, index }) => {
    for (const versionId of example.versions) {
      const key = `${versionId} ${example.method} ${example.path} ${example.name}`;
      if (seen.has(key)) {
        report(
          ['examples', index, 'name'],
          `repeats the example name "${example.name}" for ${example.method} ${example.path}`,
          'give each example of an operation its own name',
        );
        return;
      }
      seen.add(key);
      const version = api.versions.find((candidate) => candidate.id === versionId);
      const operation = version && findOperationByRequest(version, example.method, example.path);
      if (!version || !operation) continue;
      const taken = Object.keys(responsesOf(version, operation)).flatMap((status) =>
        /^\d+$/.test(status) ? listDocumentExamples(version, operation, Number(status)) : [],
      );
      if (taken.includes(example.name)) {
        report(
          ['examples', index, 'name'],
          `"${example.name}" is already an example of ${example.method} ${example.path} in the document (${versionId})`,
          'choose another name: `Prefer: example=<name>` must pick one example only',
        );
        return;
      }
    }
  });
}

/** The content type a body gets when the stub does not say: problems for errors, else JSON. */
export function toDefaultContentType(status: number, body: unknown): string {
  if (typeof body === 'string') return 'text/plain; charset=utf-8';
  if (status >= 400 && isMapping(body)) return 'application/problem+json';
  return 'application/json';
}
