import type { CatalogSandbox, SandboxExample, SandboxStub } from '../../catalog/index.ts';

/**
 * What the API page says about the owners' sandbox stubs (`mocks/<api-id>/stubs.yaml`): the
 * named examples of one version and how to ask for them, and the request each stub answers.
 */

/** The examples and stubs that apply to one version, in file order. */
export interface VersionSandbox {
  examples: SandboxExample[];
  stubs: SandboxStub[];
}

/** Keeps the entries of `sandbox` that apply to `versionId`. */
export function pickVersionSandbox(
  sandbox: CatalogSandbox | undefined,
  versionId: string,
): VersionSandbox {
  if (!sandbox) return { examples: [], stubs: [] };
  return {
    examples: sandbox.examples.filter((example) => example.versions.includes(versionId)),
    stubs: sandbox.stubs.filter((stub) => stub.versions.includes(versionId)),
  };
}

/** The request that triggers a stub, as a partner would write it. */
export interface StubTrigger {
  /** `GET /entreprises/318456787?etat=actif`: placeholders with no required value stay `{name}`. */
  requestLine: string;
  /** Headers the request must carry, as `Name: value`. */
  headers: string[];
  /** The body fields that must match, as compact JSON, when the stub names some. */
  body: string | undefined;
  /** True when some placeholder is left free: any value matches it. */
  anyValue: boolean;
}

/** Writes out the request a stub answers: its path with the values it requires filled in. */
export function toStubTrigger(stub: SandboxStub): StubTrigger {
  const { request } = stub;
  let anyValue = false;
  const path = request.path.replace(/\{([^}/]+)\}/g, (placeholder, name: string) => {
    const value = request.params[name];
    if (value === undefined) {
      anyValue = true;
      return placeholder;
    }
    return encodeURIComponent(value);
  });
  const query = Object.entries(request.query)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return {
    requestLine: `${request.method} ${path}${query === '' ? '' : `?${query}`}`,
    headers: Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    anyValue,
  };
}

/** `v1, v2`, the versions an entry applies to. */
export function toVersionList(versions: readonly string[]): string {
  return versions.join(', ');
}
