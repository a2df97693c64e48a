import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerRequest } from './answer/answer-request.ts';
import { toHealthReport, type HealthReport } from './health-report.ts';
import { parseBody, readBody, toHeaders, toQuery } from './http/read-request.ts';
import { parseMockServerSettings, type MockServerOptions } from './mock-server-options.ts';
import { createMockVersions, type MockVersion } from './mock-versions.ts';
import { createPreparer } from './prepare/create-preparer.ts';
import { createProblemSender } from './problems/send-problem.ts';
import { isNestedDeeper } from './stateful/json-values.ts';
import { answerSandboxData, sandboxDataPath } from './stateful/sandbox-data.ts';
import type { ResourceStore } from './store/resource-store.ts';
import { openPostgresResourceStore } from './store/postgres-resource-store.ts';
import { openResourceStore } from './store/sqlite-resource-store.ts';

/** The mock server, testable in-process: pass `handle` to `http.createServer`. */
export interface MockServer {
  /** Node request listener. */
  handle: (request: IncomingMessage, response: ServerResponse) => void;
  /** Prepares every version in the background, smallest document first. */
  prepareAll: () => Promise<void>;
  /** Counts and per-version states, as `GET /_mock/health` reports them. */
  health: () => HealthReport;
  /** The consumers' objects, when the sandbox remembers them. */
  store: ResourceStore | undefined;
  /** Stops the preparing workers and closes the store. */
  close: () => Promise<void>;
}

/** Request ids the gateway sends; anything else is replaced so `instance` stays clean. */
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** Consumer ids as the gateway makes them (`con_` and random base64url). */
const consumerPattern = /^con_[A-Za-z0-9_-]{1,64}$/;

/** JSON bodies nest at most this deep: no API needs more, and walkers need a bound. */
const maxBodyDepth = 64;

/** How often idle data are swept away (a call also drops its own scope's when idle). */
const sweepEveryMs = 3_600_000;

/**
 * Creates the mock server over a catalog: every non-retired version of every API answers at
 * `/<api-id>/<version-id>/<operation path>`, mocked by Prism in this process. Nothing is
 * prepared until `prepareAll` or a request asks, so the server can listen at once.
 */
export function createMockServer(options: MockServerOptions): MockServer {
  const { catalog, ...rest } = options;
  const settings = parseMockServerSettings(rest);
  // Its default language is read here, once: every refusal falls back to it.
  const sendProblem = createProblemSender(settings.defaultLanguage);
  const preparer = createPreparer({
    workers: settings.prepareWorkers,
    cpuBudgetMs: settings.prepareCpuMs,
    heapMb: settings.prepareHeapMb,
  });
  const versions = createMockVersions(catalog, preparer, {
    dynamic: settings.dynamic,
    referenceFallback: settings.referenceFallback,
    stateful: settings.stateful,
  });
  const limits = {
    maxObjects: settings.maxObjectsPerConsumer,
    maxBytes: settings.maxBytesPerConsumer,
    idleHours: settings.idleHours,
  };
  const storeLimits = {
    idleMs: settings.idleHours * 3_600_000,
    maxObjectsPerConsumer: settings.maxObjectsPerConsumer,
    maxBytesPerConsumer: settings.maxBytesPerConsumer,
  };
  // PostgreSQL opens in the background: `store.opened` says when it can answer, or why not.
  const store = !settings.stateful
    ? undefined
    : settings.databaseUrl === undefined
      ? openResourceStore({ dataDir: settings.dataDir, ...storeLimits, checkIntegrity: true })
      : openPostgresResourceStore({ url: settings.databaseUrl, ...storeLimits });
  const sweep = (): void => {
    // A sweep that fails (a full disk) is tried again at the next: calls drop their own.
    store?.expireIdle().catch(() => undefined);
  };
  sweep();
  const sweeper = setInterval(sweep, sweepEveryMs);
  sweeper.unref();

  const waitFor = async (version: MockVersion): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => {
        resolve(false);
      }, settings.loadWaitMs);
    });
    const settled = await Promise.race([versions.ensure(version).then(() => true), timeout]);
    clearTimeout(timer);
    return settled;
  };

  const handleRequest = async (
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> => {
    const received = request.headers['x-request-id'];
    const requestId =
      typeof received === 'string' && requestIdPattern.test(received) ? received : randomUUID();
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
    const method = (request.method ?? 'GET').toUpperCase();

    if (pathname === '/_mock/health' && (method === 'GET' || method === 'HEAD')) {
      const body = JSON.stringify(toHealthReport(versions.list()));
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(method === 'HEAD' ? undefined : body);
      return;
    }
    const [, apiId = '', versionId = '', ...rest] = pathname.split('/');
    const api = versions.findApi(apiId);
    if (!api) {
      sendProblem(
        response,
        'unknownApi',
        {
          en: `No API "${apiId}" in the sandbox. Sandbox URLs look like /<api-id>/<version-id>/<path>.`,
          fr: `Aucune API « ${apiId} » dans le bac à sable. Les adresses du bac à sable ont la forme /<api-id>/<version-id>/<chemin>.`,
        },
        requestId,
      );
      return;
    }
    const version = api.get(versionId);
    if (!version) {
      sendProblem(
        response,
        'unknownVersion',
        {
          en: `${apiId} has no version "${versionId}"; it has ${[...api.keys()].join(', ')}.`,
          fr: `${apiId} n’a pas de version « ${versionId} » ; elle a ${[...api.keys()].join(', ')}.`,
        },
        requestId,
      );
      return;
    }
    if (version.state === 'retired') {
      sendProblem(
        response,
        'versionRetired',
        { en: `${apiId} ${versionId} is retired.`, fr: `${apiId} ${versionId} est retirée.` },
        requestId,
      );
      return;
    }
    const given = request.headers['x-guichet-consumer'];
    const consumer = typeof given === 'string' && consumerPattern.test(given) ? given : undefined;
    const path = `/${rest.join('/')}`;
    if (path === sandboxDataPath) {
      await answerSandboxData(
        {
          method,
          requestId,
          consumer,
          apiId,
          versionId,
          resources: version.resources,
          store,
          limits,
          sendProblem,
        },
        response,
      );
      return;
    }
    const read = await readBody(request, settings.maxBodyBytes);
    if (!read.ok) {
      response.shouldKeepAlive = false;
      sendProblem(
        response,
        'bodyTooLarge',
        {
          en: `The body exceeds ${settings.maxBodyBytes} bytes.`,
          fr: `Le corps dépasse ${settings.maxBodyBytes} octets.`,
        },
        requestId,
      );
      return;
    }
    if (!(await waitFor(version))) {
      sendProblem(
        response,
        'apiStarting',
        {
          en: `${apiId} ${versionId} is still being prepared.`,
          fr: `${apiId} ${versionId} est encore en préparation.`,
        },
        requestId,
        {
          headers: { 'Retry-After': String(settings.retryAfterSeconds) },
        },
      );
      return;
    }
    const { mocker } = version;
    if (version.state !== 'ready' || !mocker) {
      sendProblem(
        response,
        'apiUnavailable',
        {
          en: `The sandbox cannot mock ${apiId} ${versionId}: its document ${version.reason ?? 'could not be prepared'}.`,
          fr: `Le bac à sable ne peut pas simuler ${apiId} ${versionId} : son document ${version.reason === undefined ? 'n’a pas pu être préparé' : `(en anglais) ${version.reason}`}.`,
        },
        requestId,
      );
      return;
    }
    const headers = toHeaders(request.headers);
    const parsed = parseBody(read.text, headers['content-type']);
    if (!parsed.ok) {
      sendProblem(
        response,
        'malformedJson',
        {
          en: `The body does not parse as JSON: ${parsed.message}.`,
          fr: `Le corps ne se lit pas comme du JSON : ${parsed.message}.`,
        },
        requestId,
      );
      return;
    }
    if (isNestedDeeper(parsed.body, maxBodyDepth)) {
      sendProblem(
        response,
        'bodyTooDeep',
        {
          en: `The body nests more than ${String(maxBodyDepth)} levels deep.`,
          fr: `Le corps s’imbrique sur plus de ${String(maxBodyDepth)} niveaux.`,
        },
        requestId,
      );
      return;
    }
    await answerRequest(
      { ...version, mocker },
      {
        requestId,
        method,
        path,
        query: toQuery(search),
        headers,
        body: parsed.body,
        consumer,
      },
      response,
      store,
      sendProblem,
    );
  };

  return {
    handle(request, response) {
      handleRequest(request, response).catch(() => {
        // Whatever broke stays here: the partner gets a generic problem, never a stack trace.
        const received = request.headers['x-request-id'];
        const id =
          typeof received === 'string' && requestIdPattern.test(received) ? received : randomUUID();
        sendProblem(
          response,
          'internalError',
          {
            en: 'The mock server failed to answer this request.',
            fr: 'Le simulateur n’a pas réussi à répondre à cette requête.',
          },
          id,
        );
      });
    },
    prepareAll: () => versions.prepareAll(),
    health: () => toHealthReport(versions.list()),
    store,
    async close() {
      clearInterval(sweeper);
      await preparer.close();
      await store?.close();
    },
  };
}
