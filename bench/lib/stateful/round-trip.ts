import { isDeepStrictEqual } from 'node:util';
import type { CatalogResource } from '../../../catalog/index.ts';
import type { MockOperation } from '../../../mock-server/prism/prism-engine.ts';
import type { AnswerValidator } from './answer-validator.ts';
import { buildRequest, type BuiltRequest } from './build-request.ts';

/** Where and as whom to run a round trip on one resource. */
export interface RoundTripSetup {
  /** The version's base URL (`http://127.0.0.1:4010/<api>/<version>`). */
  baseUrl: string;
  /** Headers of every call: the consumer (mock server) or the key (gateway). */
  headers: Record<string, string>;
  resources: readonly CatalogResource[];
  operations: readonly MockOperation[];
  validator: AnswerValidator;
}

/** A round trip that worked, with what it made; or the step that failed and why. */
export type RoundTripResult =
  | { ok: true; id: string; object: unknown; itemUrl: string; values: Record<string, string> }
  | { ok: false; step: string; reason: string };

/** Sends a built request; the answer's body parsed when it is JSON. */
export async function send(
  setup: RoundTripSetup,
  request: BuiltRequest,
  url = `${setup.baseUrl}${request.target}`,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, {
    method: request.method,
    headers: { ...request.headers, ...setup.headers },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const text = await response.text();
  let body: unknown = text === '' ? undefined : text;
  if (/json/.test(response.headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Left as text: the check that follows says what is wrong.
    }
  }
  return { status: response.status, headers: response.headers, body };
}

function findOperation(
  setup: RoundTripSetup,
  method: string,
  path: string,
): MockOperation | undefined {
  return setup.operations.find(
    (operation) => operation.method.toUpperCase() === method && operation.path === path,
  );
}

function describeRefusal(status: number, body: unknown): string {
  const problem = body as { title?: unknown; detail?: unknown } | undefined;
  const words =
    typeof problem?.detail === 'string'
      ? problem.detail
      : typeof problem?.title === 'string'
        ? problem.title
        : '';
  return `answered ${String(status)}${words === '' ? '' : `: ${words.slice(0, 120)}`}`;
}

/**
 * Creates an object of `resource` from the document's own example (or a body drawn from the
 * schema), then reads it back at its `Location`: both answers must be successes that fit their
 * declared schemas, and the read must give back the object created. A nested resource's parent
 * is created first when it is a resource too.
 */
export async function createThenRead(
  setup: RoundTripSetup,
  resource: CatalogResource,
  depth = 0,
): Promise<RoundTripResult> {
  const values: Record<string, string> = {};
  const parentPath = resource.collectionPath.slice(0, resource.collectionPath.lastIndexOf('/'));
  const parent = setup.resources.find((item) => item.itemPath === parentPath);
  if (parent && depth < 4) {
    const made = await createThenRead(setup, parent, depth + 1);
    if (!made.ok) return { ok: false, step: 'parent', reason: `${parent.name}: ${made.reason}` };
    Object.assign(values, made.values, { [parent.idParameter]: made.id });
  }
  const create = resource.operations.create;
  const createOperation = create && findOperation(setup, create.method, create.path);
  if (!createOperation) return { ok: false, step: 'create', reason: 'no create operation' };
  const request = buildRequest(createOperation, values);
  const created = await send(setup, request);
  if (created.status < 200 || created.status > 299) {
    return { ok: false, step: 'create', reason: describeRefusal(created.status, created.body) };
  }
  const skipped = created.headers.get('x-guichet-not-stored');
  if (skipped !== null) return { ok: false, step: 'create', reason: `not stored: ${skipped}` };
  const createErrors = setup.validator.check(
    'POST',
    createOperation.path,
    created.status,
    created.body,
  );
  if (createErrors.length > 0) {
    return { ok: false, step: 'create schema', reason: createErrors[0] ?? '' };
  }
  const read = resource.operations.read;
  const readOperation = read && findOperation(setup, read.method, read.path);
  const location = created.headers.get('location');
  if (!readOperation) return { ok: false, step: 'read', reason: 'no read operation' };
  if (location === null) return { ok: false, step: 'create', reason: 'no Location' };
  const itemUrl = new URL(location, `${setup.baseUrl}${request.target}`).href;
  const id = decodeURIComponent(new URL(itemUrl).pathname.split('/').at(-1) ?? '');
  const readRequest = buildRequest(readOperation, { ...values, [resource.idParameter]: id });
  const query = readRequest.target.includes('?')
    ? readRequest.target.slice(readRequest.target.indexOf('?'))
    : '';
  const back = await send(setup, { ...readRequest, body: undefined }, `${itemUrl}${query}`);
  if (back.status !== 200)
    return { ok: false, step: 'read', reason: describeRefusal(back.status, back.body) };
  const readErrors = setup.validator.check('GET', readOperation.path, back.status, back.body);
  if (readErrors.length > 0) return { ok: false, step: 'read schema', reason: readErrors[0] ?? '' };
  if (resource.idField !== undefined) {
    const field = resource.idField;
    const made = (created.body as Record<string, unknown> | undefined)?.[field];
    const got = (back.body as Record<string, unknown> | undefined)?.[field];
    if (made !== undefined && !isDeepStrictEqual(made, got)) {
      return {
        ok: false,
        step: 'read',
        reason: `read back ${field} ${JSON.stringify(got)}, created ${JSON.stringify(made)}`,
      };
    }
  }
  return { ok: true, id, object: back.body, itemUrl, values };
}
