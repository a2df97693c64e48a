import { createRequire } from 'node:module';
// First: Prism's validator must load after the hook that bounds its patterns.
import { assertPatternsBounded } from './use-bounded-patterns.ts';
import { withPatternBudget } from './bounded-patterns.ts';
import { generationKey, type GenerationSchemas } from '../prepare/bound-generation.ts';
import { generateWithinBudget } from './generation-budget.ts';
import {
  createInstance,
  type getHttpOperationsFromSpec,
  type IHttpConfig,
  type IHttpOperationConfig,
  type IHttpRequest,
  type IHttpResponse,
} from '@stoplight/prism-http';

/**
 * The parts of Prism the mock server drives, behind one small interface: its router (to know
 * the operation before mocking, for stubs and `X-Guichet-Operation`), its mocker with request
 * validation, its parser of the `Prefer` header and its serializer. The router, the Prefer
 * parser and the serializer are not exported from the packages' entry points, so they are
 * required from their files; Prism is pinned in package.json.
 */

/** One operation as Prism describes it (`IHttpOperation`). */
export type MockOperation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];

/** What Prism's pipeline returns: fp-ts's `Either`, read by its tag. */
type Either<L, R> = { _tag: 'Left'; left: L } | { _tag: 'Right'; right: R };

/** An error of Prism's catalog (`ProblemJsonError`), or any other error it let through. */
export interface PrismError {
  name: string;
  message: string;
  status?: number;
  detail?: string;
  additional?: Record<string, unknown>;
}

/** A mocked answer, with the request's validation findings (severity 0 is an error). */
export interface PrismAnswer {
  response: IHttpResponse;
  violations: { path?: string[]; code?: string | number; message: string; severity: number }[];
}

/** What a request asks of the mocker through `Prefer` (or `__code`-style query parameters). */
export interface MockPreferences {
  code?: number | undefined;
  exampleKey?: string | undefined;
  dynamic?: boolean | undefined;
  seed?: string | undefined;
}

const require = createRequire(import.meta.url);
const routeModule = require('@stoplight/prism-http/dist/router/index.js') as {
  default: (options: {
    resources: MockOperation[];
    input: IHttpRequest;
  }) => Either<PrismError, MockOperation>;
};
const preferModule = require('@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js') as {
  getHttpConfigFromRequest: (
    request: Pick<IHttpRequest, 'headers' | 'url'>,
  ) => Either<PrismError, MockPreferences>;
};
/** Prism's mocker, the component `createInstance` would use. */
type MockComponent = NonNullable<Parameters<typeof createInstance>[1]['mock']>;
const mockerModule = require('@stoplight/prism-http/dist/mocker/index.js') as {
  default: MockComponent;
};
/** Prism's request validator, the component `createInstance` would use. */
type ValidateComponent = NonNullable<Parameters<typeof createInstance>[1]['validateInput']>;
const validatorModule = require('@stoplight/prism-http/dist/validator/index.js') as {
  validateInput: ValidateComponent;
};
const serializeModule = require('@stoplight/prism-http-server/dist/serialize.js') as {
  serialize: (payload: unknown, contentType: string | undefined) => string | undefined;
};

/** Finds the operation a request reaches, as Prism's own server would. */
export function routeRequest(
  operations: MockOperation[],
  input: IHttpRequest,
): { operation: MockOperation } | { error: PrismError } {
  const result = routeModule.default({ resources: operations, input });
  return result._tag === 'Right' ? { operation: result.right } : { error: result.left };
}

/** Reads `Prefer: code=…, example=…, dynamic=…, seed=…`. */
export function readPreferences(
  input: IHttpRequest,
): { preferences: MockPreferences } | { error: PrismError } {
  const result = preferModule.getHttpConfigFromRequest(input);
  return result._tag === 'Right' ? { preferences: result.right } : { error: result.left };
}

/** Serialises a mocked body for its content type; throws for a body the type cannot carry. */
export function serializeBody(body: unknown, contentType: string | undefined): string | undefined {
  return serializeModule.serialize(body, contentType);
}

/** A silent logger: Prism logs every step, and the gateway already logs every request. */
function createSilentLogger(): Parameters<typeof createInstance>[1]['logger'] {
  const noop = (): void => undefined;
  const logger: Record<string, unknown> = {
    level: 'silent',
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    fatal: noop,
    success: noop,
    silent: noop,
    isLevelEnabled: () => false,
  };
  logger.child = () => logger;
  // Prism types its logger as pino's, which it does not let us import; this object has its shape.
  return logger;
}

const eitherModule = require('fp-ts/Either') as { left: <L>(error: L) => Either<L, never> };

/** The error of an answer whose generation went past its budget (`generation-budget.ts`). */
export const answerTooLargeName = 'guichet#ANSWER_TOO_LARGE';

/**
 * Prism's mocker, given each operation without its `callbacks` (after answering, it would call
 * every callback URL, one from the request as readily as a hard-coded one; preparation already
 * drops them, this covers an operation built elsewhere), with the bounded copy of its response
 * schemas when preparation made one (`prepare/bound-generation.ts`), and its generation within
 * one budget of random draws, the seed applied by the budget rather than by Prism.
 */
const mockForGenerators: MockComponent = ({ resource, config, ...rest }) => {
  const { [generationKey]: generation, ...operation } = resource as MockOperation & {
    [generationKey]?: GenerationSchemas;
  };
  delete operation.callbacks;
  const bundle = generation
    ? generation.bundle
    : (operation as { __bundled__?: unknown }).__bundled__;
  const bounded = {
    ...operation,
    ...(generation ? { responses: generation.responses } : {}),
    // Prism's dynamic generator writes into the schemas a `$ref` reaches (it merges them in and
    // drops the `$ref` past its depth), and Prism hands it the bundle itself: the next answer,
    // and the validator, would see the bundle changed. It gets a copy.
    ...(bundle === undefined
      ? {}
      : { __bundled__: config.dynamic ? structuredClone(bundle) : bundle }),
  };
  const { seed, ...unseeded } = config;
  const answer = mockerModule.default({
    resource: bounded as MockOperation,
    config: unseeded,
    ...rest,
  });
  return (logger) => {
    const outcome = generateWithinBudget(seed, () => answer(logger));
    if ('value' in outcome) return outcome.value;
    return eitherModule.left({
      name: answerTooLargeName,
      message: 'generated answer too large',
    } satisfies PrismError);
  };
};

/**
 * Prism's request validation, its patterns that RE2 cannot run sharing one time budget per
 * request (`bounded-patterns.ts`).
 */
const validateWithinBudget: ValidateComponent = (options) =>
  withPatternBudget(() => validatorModule.validateInput(options));

/** The seed of answers generated where Prism's static sampler gave up. */
const staticSeed = 'guichet-static';

function isTooComplex(error: PrismError): boolean {
  return error.name.endsWith('#SCHEMA_TOO_COMPLEX');
}

/** Mocks one version: one Prism instance over the version's operations. */
export interface PrismMocker {
  /** Mocks `operation` for `input`; `validate` false skips request validation (for stubs). */
  mock: (
    operation: MockOperation,
    input: IHttpRequest,
    preferences: MockPreferences,
    validate: boolean,
  ) => Promise<{ answer: PrismAnswer } | { error: PrismError }>;
}

/**
 * Creates a Prism instance: request validation on, security checks off (the gateway checks
 * keys), response validation off, dynamic answers only when asked or configured.
 */
export function createPrismMocker(options: { dynamic: boolean }): PrismMocker {
  assertPatternsBounded();
  const base = {
    checkSecurity: false,
    validateRequest: true,
    validateResponse: false,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false,
  } as const;
  const prism = createInstance(
    { ...base, mock: { dynamic: options.dynamic } },
    {
      logger: createSilentLogger(),
      mock: mockForGenerators,
      validateInput: validateWithinBudget,
    },
  );
  return {
    async mock(operation, input, preferences, validate) {
      // A fresh mock config each time: Prism writes the Accept header's media types into it.
      const mock: IHttpOperationConfig = { dynamic: preferences.dynamic ?? options.dynamic };
      if (preferences.code !== undefined) mock.code = preferences.code;
      if (preferences.exampleKey !== undefined) mock.exampleKey = preferences.exampleKey;
      if (preferences.seed !== undefined) mock.seed = preferences.seed;
      const request = async (
        settings: IHttpOperationConfig,
      ): Promise<
        Either<
          PrismError,
          { output: IHttpResponse; validations: { input: PrismAnswer['violations'] } }
        >
      > => {
        const config: IHttpConfig = { ...base, validateRequest: validate, mock: settings };
        return await prism.request(input, [operation], config)();
      };
      let result = await request(mock);
      // Prism's static sampler gives up on a schema of more than 2,500 values (ten levels of ten
      // properties): the answer is generated instead, with a fixed seed so it stays the same.
      if (result._tag === 'Left' && !mock.dynamic && isTooComplex(result.left)) {
        result = await request({ ...mock, dynamic: true, seed: staticSeed });
      }
      if (result._tag === 'Left') return { error: result.left };
      return {
        answer: { response: result.right.output, violations: result.right.validations.input },
      };
    },
  };
}
