import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { createExchange, type Exchange } from '../http/exchange.ts';
import { sendBody, sendProblem } from '../http/send-response.ts';
import type { KeyService, StatusAction } from '../keys/key-service.ts';
import type { SandboxLanguage } from '../../catalog/sandbox-problems.ts';
import {
  createKeyRequestSchema,
  decisionRequestSchema,
  planRequestSchema,
  rotateSecretRequestSchema,
  scopesRequestSchema,
} from './admin-requests.ts';
import type { ClientService } from '../clients/client-service.ts';
import { findRequestFault } from '../http/protocol-refusals.ts';
import type { Cors } from '../http/cors.ts';
import { createAdminAnswers } from './admin-answers.ts';
import { readAdminBody } from './admin-body.ts';
import { answerIntrospection } from './admin-introspection.ts';
import { answersUsageCors } from './admin-usage-cors.ts';

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

  const { respond, answerError } = createAdminAnswers(options.fail);
  function withBody<T extends z.ZodType>(
    exchange: Exchange,
    schema: T,
    use: (value: z.output<T>) => void,
  ): void {
    readAdminBody(exchange, schema, use, answerError);
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
      answerIntrospection(exchange, options.introspect, answerError);
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
      const usagePath = (req.url ?? '/').split('?')[0] === '/usage';
      if (usagePath && answersUsageCors(exchange, options.usageCors)) return;
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
