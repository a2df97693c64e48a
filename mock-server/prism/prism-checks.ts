import { createRequire } from 'node:module';
import type { IHttpRequest } from '@stoplight/prism-http';
import type { MockOperation } from './prism-engine.ts';

/**
 * Prism's request and answer validators and its schema-driven generator, for the stateful
 * layer: it checks a request as the mocker would, checks what it answers against the declared
 * answer, and fills a field no example gives. Required from their files (not exported by the
 * entry point), as `prism-engine.ts` does; Prism is pinned in package.json.
 */

/** One finding of Prism's validator; severity 0 is an error. */
export interface PrismFinding {
  path?: string[];
  code?: string | number;
  message: string;
  severity: number;
}

type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };

const require = createRequire(import.meta.url);
const validator = require('@stoplight/prism-http/dist/validator/index.js') as {
  validateInput: (options: {
    resource: MockOperation;
    element: IHttpRequest;
  }) => Either<PrismFinding[], unknown>;
};
const bodyValidator = require('@stoplight/prism-http/dist/validator/validators/body.js') as {
  validate: (
    body: unknown,
    contents: readonly unknown[],
    context: number,
    mediaType: string,
    multipartBoundary: undefined,
    bundle: unknown,
  ) => Either<PrismFinding[], unknown>;
};
const generator = require('@stoplight/prism-http/dist/mocker/generator/JSONSchema.js') as {
  generate: (resource: MockOperation, bundle: unknown, source: unknown) => Either<Error, unknown>;
};

const errorSeverity = 0;

/** Prism's `ValidationContext.Output`: an answer, whose write-only fields are not required. */
const outputContext = 1;

/**
 * The request's mistakes against its operation: what the mocker would answer 422 for. The
 * body is checked against the schema of its own media type when the operation declares it:
 * Prism would take the first `+json` type for any other (a merge patch read as a JSON Patch).
 */
export function findRequestErrors(operation: MockOperation, input: IHttpRequest): PrismFinding[] {
  const result = validator.validateInput({
    resource: narrowToMediaType(operation, input.headers?.['content-type']),
    element: input,
  });
  return result._tag === 'Left'
    ? result.left.filter((finding) => finding.severity === errorSeverity)
    : [];
}

function narrowToMediaType(
  operation: MockOperation,
  contentType: string | undefined,
): MockOperation {
  const body = operation.request?.body;
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const exact = body?.contents?.filter((content) => content.mediaType.toLowerCase() === type);
  if (!body || !exact || exact.length === 0 || exact.length === body.contents?.length) {
    return operation;
  }
  return { ...operation, request: { ...operation.request, body: { ...body, contents: exact } } };
}

/**
 * How an answer's body breaks what the operation declares for its status (empty when it
 * fits), by Prism's body validator (ajv, compiled once per schema): the body alone, the status
 * and media type being the stateful layer's own choice.
 */
export function findAnswerErrors(
  operation: MockOperation,
  status: number,
  contentType: string,
  body: unknown,
): PrismFinding[] {
  const response = operation.responses.find((item) => item.code === String(status));
  const contents = response?.contents ?? [];
  if (contents.length === 0) return [];
  const bundle = (operation as { __bundled__?: unknown }).__bundled__;
  const result = bodyValidator.validate(
    body,
    contents,
    outputContext,
    contentType,
    undefined,
    bundle,
  );
  return result._tag === 'Left'
    ? result.left.filter((finding) => finding.severity === errorSeverity)
    : [];
}

/** A value for `schema` drawn by Prism's generator (json-schema-faker); `undefined` if it fails. */
export function generateValue(operation: MockOperation, schema: unknown): unknown {
  try {
    const bundle = (operation as { __bundled__?: unknown }).__bundled__;
    const result = generator.generate(operation, bundle, schema);
    return result._tag === 'Right' ? result.right : undefined;
  } catch {
    // A schema the generator cannot follow: the caller goes without the value.
    return undefined;
  }
}
