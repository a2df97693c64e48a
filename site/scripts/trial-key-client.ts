/**
 * The portal's side of `POST <sandbox>/_guichet/trial-keys` (gateway-stub/README.md): sends
 * the form's answers as JSON and reads the gateway's answer into one outcome the form shows.
 */

/** The body the gateway expects. */
export interface TrialKeyRequest {
  application: string;
  email: string;
  api: string;
  acceptTerms: boolean;
}

/**
 * A trial application the gateway issued — a key, and a client id and secret for OAuth 2.0
 * and HTTP basic — `active` at once, or `pending` until an administrator approves.
 */
export interface IssuedKey {
  key: string;
  prefix: string;
  /** Absent from a gateway that issues keys alone. */
  client: { clientId: string; clientSecret: string } | undefined;
  status: 'active' | 'pending';
  plan: string;
  api: string;
}

/** One invalid member of the request, as RFC 9457 `errors[]` entries give it. */
export interface FieldProblem {
  /** JSON pointer into the request body (`#/email`). */
  pointer: string;
  detail: string;
}

/** A refusal, read from a problem+json body (or made up when the body is not one). */
export interface Refusal {
  status: number;
  type: string | undefined;
  title: string;
  detail: string | undefined;
  errors: FieldProblem[];
}

/** Everything that can come of asking for a key. */
export type TrialKeyOutcome =
  | { kind: 'issued'; issued: IssuedKey }
  | { kind: 'refused'; refusal: Refusal }
  /** Nothing answers at the sandbox's address. */
  | { kind: 'unreachable' }
  /** The sandbox answers, but not to this page's origin (its CORS origins miss the portal). */
  | { kind: 'origin-refused' }
  | { kind: 'timeout' };

/** What a request needs besides its body; `fetch` is passed in so tests can give their own. */
export interface TrialKeyClientOptions {
  /** The gateway's base URL, absolute or a path on the portal's origin. */
  sandboxUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Asks the gateway for a trial key and says what came of it; never throws. */
export async function requestTrialKey(
  request: TrialKeyRequest,
  options: TrialKeyClientOptions,
): Promise<TrialKeyOutcome> {
  const send = options.fetch ?? fetch;
  const base = options.sandboxUrl.replace(/\/+$/, '');
  let response: Response;
  try {
    response = await send(`${base}/_guichet/trial-keys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') return { kind: 'timeout' };
    return (await isAnswering(send, base)) ? { kind: 'origin-refused' } : { kind: 'unreachable' };
  }
  const body = await readJson(response);
  if (response.status === 201) {
    const issued = parseIssuedKey(body);
    if (issued) return { kind: 'issued', issued };
  }
  return { kind: 'refused', refusal: parseRefusal(response.status, body) };
}

/** Reads the 201 body; `undefined` unless every member the form shows is there. */
export function parseIssuedKey(value: unknown): IssuedKey | undefined {
  if (!isRecord(value)) return undefined;
  const { key, prefix, status, plan, api, clientId, clientSecret } = value;
  if (typeof key !== 'string' || !key.startsWith('gk_')) return undefined;
  if (status !== 'active' && status !== 'pending') return undefined;
  if (typeof plan !== 'string' || typeof api !== 'string') return undefined;
  const client =
    typeof clientId === 'string' && typeof clientSecret === 'string' && clientId.startsWith('gc_')
      ? { clientId, clientSecret }
      : undefined;
  return {
    key,
    prefix: typeof prefix === 'string' ? prefix : key.slice(0, 11),
    client,
    status,
    plan,
    api,
  };
}

/** Reads a refusal; a body that is not a problem still gives the status to show. */
export function parseRefusal(status: number, value: unknown): Refusal {
  const problem = isRecord(value) ? value : {};
  const text = (member: unknown): string | undefined =>
    typeof member === 'string' && member.trim() !== '' ? member : undefined;
  const errors = Array.isArray(problem.errors)
    ? problem.errors.flatMap((entry: unknown) => {
        if (!isRecord(entry)) return [];
        const pointer = text(entry.pointer);
        const detail = text(entry.detail);
        return pointer && detail ? [{ pointer, detail }] : [];
      })
    : [];
  return {
    status,
    type: text(problem.type),
    title: text(problem.title) ?? `The sandbox answered with status ${String(status)}`,
    detail: text(problem.detail),
    errors,
  };
}

/**
 * The portal page explaining a problem `type`: the sandbox sends `/problems/<slug>`, relative to
 * the portal, so it is rebased under the portal's base path. Absolute http(s) types (an API's
 * own) are linked as they are; anything else is not linked.
 */
export function toProblemPageUrl(
  type: string | undefined,
  problemsUrl: string,
): string | undefined {
  if (type === undefined) return undefined;
  const slug = /^\/problems\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(type)?.[1];
  if (slug !== undefined) return `${problemsUrl.replace(/\/*$/, '/')}${slug}/`;
  return /^https?:\/\//.test(type) ? type : undefined;
}

/**
 * True when something answers at the sandbox's address. A `no-cors` request succeeds on any
 * answer, even one refusing this origin, and fails only when nothing is listening.
 */
async function isAnswering(send: typeof fetch, base: string): Promise<boolean> {
  try {
    await send(`${base}/_guichet/health`, {
      mode: 'no-cors',
      cache: 'no-store',
      signal: AbortSignal.timeout(5_000),
    });
    return true;
  } catch {
    return false;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
