import { toClientNetwork } from '../http/client-address.ts';
import type { Exchange } from '../http/exchange.ts';
import { hasBody, readBody } from '../http/read-body.ts';
import { sendJson, sendProblem } from '../http/send-response.ts';
import type { KeyService } from '../keys/key-service.ts';
import type { SlidingWindow } from '../quota/sliding-window.ts';
import type { ApiRoute } from '../routing/route-table.ts';
import {
  parseTrialKeyRequest,
  trialKeyFieldMessages,
  type FieldError,
} from './trial-key-request.ts';

/** Path prefix of the gateway's own endpoints on the public port. */
export const selfServicePrefix = '/_guichet/';

/** What the self-service endpoints need. */
export interface SelfServiceOptions {
  routes: ReadonlyMap<string, ApiRoute>;
  keys: KeyService;
  /** Counts trial keys per client (IPv4 address, IPv6 /64: `toClientNetwork`) over an hour. */
  limiter: SlidingWindow;
  trialKeysPerHour: number;
  /** Answers an unexpected error (a 500 that leaks nothing). */
  fail: (exchange: Exchange, error: unknown) => void;
  /** The holder's own endpoints (`handle-credentials.ts`): true when it answered the path. */
  credentials: (exchange: Exchange, path: string) => boolean;
  /** The holder's own usage (`usage/handle-consumer-usage.ts`): true when it answered the path. */
  ownUsage: (exchange: Exchange, path: string) => boolean;
}

const maxBodyBytes = 16 * 1024;

/**
 * `POST /_guichet/trial-keys` issues a trial application — a key, a client id and secret (shown
 * once) and a subscription on the free plan — always to a new consumer: active
 * at once for a public API, pending an administrator's approval for a restricted one the
 * deployment's audience may see. `GET /_guichet/health` tells the sandbox's launcher the
 * gateway is up.
 */
export function createSelfServiceHandler(
  options: SelfServiceOptions,
): (exchange: Exchange) => void {
  const { routes, keys, limiter } = options;

  function refuseFields(exchange: Exchange, errors: FieldError[]): void {
    const fields = errors.map((error) => error.pointer.slice(2) || '(body)').join(', ');
    sendProblem(
      exchange,
      'invalidRequest',
      { en: `Invalid field(s): ${fields}.`, fr: `Champ(s) invalide(s) : ${fields}.` },
      {
        // Each field's sentence in the language the refusal is answered in.
        extensions: (language) => ({
          errors: errors.map((error) => ({
            pointer: error.pointer,
            detail: error.detail[language],
          })),
        }),
      },
    );
  }

  async function issue(exchange: Exchange, text: string): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      refuseFields(exchange, [{ pointer: '#', detail: trialKeyFieldMessages.notJson }]);
      return;
    }
    const parsed = parseTrialKeyRequest(value);
    if (!parsed.ok) {
      refuseFields(exchange, parsed.errors);
      return;
    }
    const { request } = parsed;
    const route = routes.get(request.api);
    // An API the deployment's audience may not see is no API here: a key for it is an
    // administrator's to give (`npm run keys -- create`), and saying so would confirm it exists.
    if (!route || route.concealed) {
      refuseFields(exchange, [{ pointer: '#/api', detail: trialKeyFieldMessages.unknownApi }]);
      return;
    }
    exchange.api = route.id;
    const client = toClientNetwork(exchange.client);
    const decision = limiter.take(client, options.trialKeysPerHour, performance.now());
    if (!decision.allowed) {
      const wait = Math.max(1, decision.resetSeconds);
      sendProblem(
        exchange,
        'tooManyTrialKeys',
        {
          en: `This address asked for ${String(options.trialKeysPerHour)} trial keys in the last hour. Retry in ${String(wait)} s.`,
          fr: `Cette adresse a demandé ${String(options.trialKeysPerHour)} clés d’essai dans la dernière heure. Réessayez dans ${String(wait)} s.`,
        },
        { headers: { 'retry-after': String(wait) } },
      );
      return;
    }
    const status = route.visibility === 'public' ? 'active' : 'pending';
    // Answered once committed: the key shown is in the store.
    const issued = await keys.issueKey({
      application: request.application,
      email: request.email,
      api: route.id,
      plan: 'free',
      status,
    });
    exchange.consumerId = issued.consumerId;
    sendJson(exchange, 201, {
      key: issued.key,
      prefix: issued.prefix,
      clientId: issued.clientId,
      clientSecret: issued.clientSecret,
      scopes: issued.subscription.scopes,
      requestedScopes: issued.subscription.requestedScopes,
      status,
      plan: issued.subscription.plan,
      api: route.id,
      consumerId: issued.consumerId,
    });
  }

  return (exchange) => {
    const { req } = exchange;
    const path = (req.url ?? '').split('?')[0];
    if (path === '/_guichet/health') {
      sendJson(exchange, 200, { status: 'ok' });
      return;
    }
    if (options.credentials(exchange, path ?? '')) return;
    if (options.ownUsage(exchange, path ?? '')) return;
    if (path !== '/_guichet/trial-keys') {
      sendProblem(exchange, 'notFound', {
        en: 'The gateway has no endpoint at this address.',
        fr: 'La passerelle n’a pas de point d’accès à cette adresse.',
      });
      return;
    }
    if (req.method !== 'POST') {
      sendProblem(
        exchange,
        'methodNotAllowed',
        { en: 'Ask for a trial key with POST.', fr: 'Demandez une clé d’essai avec POST.' },
        {
          headers: { allow: 'POST' },
        },
      );
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\s*(?:;|$)/i.test(type)) {
      sendProblem(exchange, 'unsupportedMediaType', {
        en: 'Send the request as JSON (Content-Type: application/json).',
        fr: 'Envoyez la requête en JSON (Content-Type: application/json).',
      });
      return;
    }
    if (!hasBody(req)) {
      refuseFields(exchange, [{ pointer: '#', detail: trialKeyFieldMessages.noBody }]);
      return;
    }
    readBody(req, maxBodyBytes, (result) => {
      if (result.kind === 'aborted') return;
      if (result.kind === 'too-large') {
        sendProblem(
          exchange,
          'bodyTooLarge',
          {
            en: `A trial key request fits in ${String(maxBodyBytes)} bytes.`,
            fr: `Une demande de clé d’essai tient en ${String(maxBodyBytes)} octets.`,
          },
          {
            headers: { connection: 'close' },
          },
        );
        return;
      }
      issue(exchange, result.body?.toString('utf8') ?? '').catch((error: unknown) => {
        options.fail(exchange, error);
      });
    });
  };
}
