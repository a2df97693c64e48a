import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { createExchange, type Exchange } from '../http/exchange.ts';
import { readBody } from '../http/read-body.ts';
import { sendBody, sendJson, sendProblem } from '../http/send-response.ts';
import { KeyServiceError } from '../keys/key-service-error.ts';
import type { KeyService, StatusAction } from '../keys/key-service.ts';
import type { ProblemName, SandboxLanguage } from '../../catalog/sandbox-problems.ts';
import {
  createKeyRequestSchema,
  decisionRequestSchema,
  planRequestSchema,
  rotateSecretRequestSchema,
  scopesRequestSchema,
} from './admin-requests.ts';
import type { ClientService } from '../clients/client-service.ts';
import { hasBody } from '../http/read-body.ts';
import { findRequestFault } from '../http/protocol-refusals.ts';
import type { Cors } from '../http/cors.ts';

/** What the admin API serves. */
export interface AdminOptions {
  token: string;
  keys: KeyService;
  /** Prometheus text of the gateway's metrics. */
  renderMetrics: () => Promise<string>;
  clients: ClientService;
  /** Starts signing tokens with a new key; settles with its `kid` once stored. */
  rotateSigningKey: () => Promise<string>;
  /** RFC 7662 introspection of one token. */
  introspect: (token: string) => Promise<Record<string, unknown>>;
  /** The grace of a rotated secret when the request gives none. */
  secretGraceSeconds: number;
  /** The language of refusals when `Accept-Language` names none of the sandbox's. */
  defaultLanguage: SandboxLanguage;
  fail: (exchange: Exchange, error: unknown) => void;
  /** `GET /usage`: the owners' usage report (`usage/handle-owner-usage.ts`). */
  usage: (exchange: Exchange) => void;
  /**
   * CORS of `GET /usage` for the portal's origins: the portal's owners' page reads the report
   * from the browser with the admin token typed in. No other admin path answers CORS.
   */
  usageCors: Cors;
}

const problemOfCode: Record<KeyServiceError['code'], ProblemName> = {
  'invalid-input': 'invalidRequest',
  'unknown-api': 'invalidRequest',
  'unknown-subscription': 'unknownSubscription',
  'conflicting-state': 'conflictingState',
};

const sendTokenForm = {
  en: 'Send token=<access token> as a form body.',
  fr: 'Envoyez token=<jeton d’accès> dans un corps de formulaire.',
};

const adminRoutes =
  'GET/POST /keys, GET /consumers, POST /keys/{ref}/approve|reject|revoke|plan|scopes, POST /clients/{id}/rotate-secret|revoke, POST /signing-keys/rotate, POST /oauth/introspect, GET /usage et GET /metrics';

const decisionPath = /^\/keys\/([A-Za-z0-9_-]{1,64})\/(approve|reject|revoke|plan|scopes)$/;
const clientPath = /^\/clients\/([A-Za-z0-9_-]{1,64})\/(rotate-secret|revoke)$/;

/**
 * The admin port: `GET /keys`, `POST /keys`, `GET /consumers`,
 * `POST /keys/{ref}/approve|reject|revoke|plan|scopes`, `POST /clients/{id}/rotate-secret|revoke`,
 * `POST /signing-keys/rotate`, `POST /oauth/introspect` (RFC 7662), `GET /usage` and `GET /metrics`, all behind
 * `Authorization: Bearer <token>`. Answers are JSON; refusals are problems like the public port's.
 */
export function createAdminHandler(
  options: AdminOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const expected = hash('sha256', options.token, 'buffer');

  function isAuthorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return false;
    // Comparing digests keeps the comparison constant-time whatever the length sent.
    return timingSafeEqual(hash('sha256', match[1], 'buffer'), expected);
  }

  function withBody<T extends z.ZodType>(
    exchange: Exchange,
    schema: T,
    use: (value: z.output<T>) => void,
  ): void {
    readBody(exchange.req, 64 * 1024, (result) => {
      if (result.kind === 'aborted') return;
      if (result.kind === 'too-large') {
        sendProblem(
          exchange,
          'bodyTooLarge',
          {
            en: 'Admin requests fit in 64 KiB.',
            fr: 'Les requêtes d’administration tiennent en 64 Kio.',
          },
          {
            headers: { connection: 'close' },
          },
        );
        return;
      }
      try {
        const text = result.body?.toString('utf8') ?? '';
        const parsed = schema.safeParse(text.trim() === '' ? {} : JSON.parse(text));
        if (!parsed.success) {
          const errors = parsed.error.issues.map((issue) => ({
            pointer: `#/${issue.path.map(String).join('/')}`,
            detail: issue.message,
          }));
          sendProblem(
            exchange,
            'invalidRequest',
            { en: 'The request body is invalid.', fr: 'Le corps de la requête est invalide.' },
            {
              extensions: { errors },
            },
          );
          return;
        }
        use(parsed.data);
      } catch (error) {
        if (error instanceof SyntaxError) {
          sendProblem(exchange, 'invalidRequest', {
            en: 'The request body is not valid JSON.',
            fr: 'Le corps de la requête n’est pas du JSON valide.',
          });
          return;
        }
        answerError(exchange, error);
      }
    });
  }

  /** RFC 7662 §2.1: `token` in a form body. */
  function introspect(exchange: Exchange): void {
    if (!hasBody(exchange.req)) {
      sendProblem(exchange, 'invalidRequest', sendTokenForm);
      return;
    }
    readBody(exchange.req, 16 * 1024, (result) => {
      if (result.kind === 'aborted') return;
      if (result.kind === 'too-large') {
        sendProblem(
          exchange,
          'bodyTooLarge',
          {
            en: 'An introspection request fits in 16 KiB.',
            fr: 'Une requête d’introspection tient en 16 Kio.',
          },
          {
            headers: { connection: 'close' },
          },
        );
        return;
      }
      const token = new URLSearchParams(result.body?.toString('utf8') ?? '').get('token') ?? '';
      if (token === '') {
        sendProblem(exchange, 'invalidRequest', sendTokenForm);
        return;
      }
      options.introspect(token).then(
        (answer) => {
          sendJson(exchange, 200, answer);
        },
        (error: unknown) => {
          answerError(exchange, error);
        },
      );
    });
  }

  /**
   * Adds the usage report's CORS headers to the exchange, and answers a preflight or a
   * refused origin itself (true when it did).
   */
  function answersCors(exchange: Exchange): boolean {
    const cors = options.usageCors;
    if (!cors.applyTo(exchange.req, exchange.headers)) {
      sendProblem(exchange, 'originNotAllowed', {
        en: `Origin ${String(exchange.req.headers.origin)} may not read the usage report from a browser.`,
        fr: `L’origine ${String(exchange.req.headers.origin)} ne peut pas lire le rapport d’usage depuis un navigateur.`,
      });
      return true;
    }
    const headers = cors.isPreflight(exchange.req)
      ? cors.toPreflightHeaders(exchange.req)
      : undefined;
    if (headers === undefined) return false;
    exchange.status = 204;
    exchange.res.writeHead(204, { ...headers, 'x-request-id': exchange.requestId });
    exchange.res.end();
    return true;
  }

  /**
   * Answers what `work` settles with, as JSON: a change once committed, a failure as its
   * problem (a decision the service refused, the store away).
   */
  function respond(exchange: Exchange, status: number, work: () => Promise<unknown>): void {
    work().then(
      (value) => {
        sendJson(exchange, status, value);
      },
      (error: unknown) => {
        answerError(exchange, error);
      },
    );
  }

  function answerError(exchange: Exchange, error: unknown): void {
    if (error instanceof KeyServiceError) {
      // The key service words its refusals once, in English, for the CLI and this API alike.
      const text = `${error.message}. ${error.hint}`.trim();
      sendProblem(exchange, problemOfCode[error.code], {
        en: text,
        fr: `Le service des clés refuse la demande : ${text}`,
      });
      return;
    }
    options.fail(exchange, error);
  }

  function route(exchange: Exchange): void {
    const { req } = exchange;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    if (path === '/metrics' && method === 'GET') {
      options.renderMetrics().then(
        (text) => {
          sendBody(exchange, 200, 'text/plain; version=0.0.4; charset=utf-8', text);
        },
        (error: unknown) => {
          answerError(exchange, error);
        },
      );
      return;
    }
    if (path === '/usage' && method === 'GET') {
      options.usage(exchange);
      return;
    }
    if (path === '/keys' && method === 'GET') {
      respond(exchange, 200, async () => ({ keys: await options.keys.listKeys() }));
      return;
    }
    if (path === '/keys' && method === 'POST') {
      withBody(exchange, createKeyRequestSchema, (request) => {
        respond(exchange, 201, () => options.keys.issueKey(request));
      });
      return;
    }
    if (path === '/consumers' && method === 'GET') {
      respond(exchange, 200, async () => ({ consumers: await options.keys.listConsumers() }));
      return;
    }
    if (path === '/oauth/introspect' && method === 'POST') {
      introspect(exchange);
      return;
    }
    if (path === '/signing-keys/rotate' && method === 'POST') {
      respond(exchange, 200, async () => ({ kid: await options.rotateSigningKey() }));
      return;
    }
    const client = clientPath.exec(path);
    if (client && method === 'POST') {
      const clientId = client[1] ?? '';
      if (client[2] === 'revoke') {
        respond(exchange, 200, async () => {
          await options.clients.revokeClient(clientId);
          return { clientId, status: 'revoked' };
        });
        return;
      }
      withBody(exchange, rotateSecretRequestSchema, (request) => {
        respond(exchange, 200, () =>
          options.clients.rotateSecret(
            clientId,
            request.graceSeconds ?? options.secretGraceSeconds,
          ),
        );
      });
      return;
    }
    const decision = decisionPath.exec(path);
    if (decision && method === 'POST') {
      const reference = decision[1] ?? '';
      const action = decision[2] ?? '';
      if (action === 'scopes') {
        withBody(exchange, scopesRequestSchema, (request) => {
          respond(exchange, 200, () =>
            options.keys.setScopes(reference, request.scopes, request.api),
          );
        });
        return;
      }
      if (action === 'plan') {
        withBody(exchange, planRequestSchema, (request) => {
          respond(exchange, 200, () =>
            options.keys.changePlan(reference, request.plan, request.api),
          );
        });
        return;
      }
      withBody(exchange, decisionRequestSchema, (request) => {
        respond(exchange, 200, () =>
          options.keys.decide(reference, action as StatusAction, request.api),
        );
      });
      return;
    }
    sendProblem(exchange, 'notFound', {
      en: `The admin API has ${adminRoutes.replace(' et ', ' and ')}.`,
      fr: `L’API d’administration a ${adminRoutes}.`,
    });
  }

  return (req, res) => {
    const exchange = createExchange(req, res, options.defaultLanguage);
    try {
      const fault = findRequestFault(req);
      if (fault !== undefined) {
        sendProblem(exchange, 'badRequest', fault, { headers: { connection: 'close' } });
        return;
      }
      if ((req.url ?? '/').split('?')[0] === '/usage' && answersCors(exchange)) return;
      if (!isAuthorised(req)) {
        sendProblem(
          exchange,
          'adminTokenRequired',
          {
            en: 'Send the admin token as `Authorization: Bearer <token>`.',
            fr: 'Envoyez le jeton d’administration en `Authorization: Bearer <jeton>`.',
          },
          {
            headers: { 'www-authenticate': 'Bearer realm="guichet-admin"' },
          },
        );
        return;
      }
      route(exchange);
    } catch (error) {
      answerError(exchange, error);
    }
  };
}
