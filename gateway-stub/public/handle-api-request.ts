import type { Exchange } from '../http/exchange.ts';
import { hasBody, isDeclaredTooLarge, readBody } from '../http/read-body.ts';
import { sendProblem } from '../http/send-response.ts';
import type { GrantedSubscription, KeyLookup } from '../keys/key-lookup.ts';
import type { ProblemName } from '../../catalog/sandbox-problems.ts';
import type { Forwarder } from '../proxy/forwarder.ts';
import type { UpstreamFailure } from '../proxy/upstream-errors.ts';
import { toRateLimitHeader } from '../quota/ratelimit-headers.ts';
import type { SlidingWindow } from '../quota/sliding-window.ts';
import type { ApiRoute } from '../routing/route-table.ts';
import { toContainedPath } from '../routing/safe-path.ts';

/** What the API path of the public port needs. */
export interface ApiRequestOptions {
  routes: ReadonlyMap<string, ApiRoute>;
  keys: KeyLookup;
  quota: SlidingWindow;
  forwarder: Pick<Forwarder, 'forward'>;
  maxBodyBytes: number;
  /** Called once the answer is sent (access log, metrics, usage). */
  finish: (exchange: Exchange) => void;
  /** Called when a key spent its quota. */
  onQuotaRefusal: (exchange: Exchange) => void;
  fail: (exchange: Exchange, error: unknown) => void;
}

const keyChallenge = { 'www-authenticate': 'X-Api-Key realm="guichet-sandbox"' };

const refusalOfStatus: Record<Exclude<GrantedSubscription['status'], 'active'>, ProblemName> = {
  pending: 'subscriptionPending',
  rejected: 'subscriptionRejected',
  revoked: 'subscriptionRevoked',
};

/**
 * `/<api-id>/<version-id>/<path>`: find the API and version, check the key and its
 * subscription, count the request against the plan, then pass it to the mock server. Each
 * refusal names what went wrong and how to fix it.
 */
export function createApiRequestHandler(
  options: ApiRequestOptions,
): (exchange: Exchange, url: string) => void {
  const { routes, keys, quota, forwarder, maxBodyBytes, finish, fail } = options;

  function refuse(
    exchange: Exchange,
    name: ProblemName,
    detail: string,
    headers?: Record<string, string>,
  ): void {
    sendProblem(exchange, name, detail, headers === undefined ? {} : { headers });
    finish(exchange);
  }

  /** The connection closes after: the rest of an oversized body is not worth reading. */
  function refuseTooLarge(exchange: Exchange): void {
    refuse(
      exchange,
      'bodyTooLarge',
      `The sandbox accepts request bodies up to ${String(maxBodyBytes)} bytes.`,
      { connection: 'close' },
    );
  }

  function forward(exchange: Exchange): void {
    const { req } = exchange;
    if (!hasBody(req)) {
      forwarder.forward(exchange, undefined);
      return;
    }
    if (isDeclaredTooLarge(req, maxBodyBytes)) {
      refuseTooLarge(exchange);
      return;
    }
    readBody(req, maxBodyBytes, (result) => {
      if (result.kind === 'aborted') return;
      if (result.kind === 'too-large') {
        refuseTooLarge(exchange);
        return;
      }
      try {
        forwarder.forward(exchange, result.body);
      } catch (error) {
        fail(exchange, error);
      }
    });
  }

  return (exchange, url) => {
    // `/api/version/rest?query`: split by hand, the request path runs this for every call.
    const apiEnd = url.indexOf('/', 1);
    const apiId = apiEnd === -1 ? (url.slice(1).split('?')[0] ?? '') : url.slice(1, apiEnd);
    const presented = exchange.req.headers['x-api-key'];
    const key = typeof presented === 'string' ? presented : '';
    const found = routes.get(apiId);
    // A concealed API exists only for a key subscribed to it, so that key is checked first:
    // anyone else gets, byte for byte, the answer for an id that names no API. The key is
    // looked up for an unknown id too, so the work done does not tell the two apart either.
    let grant = key !== '' && found?.concealed !== false ? keys.find(key) : undefined;
    const api =
      found?.concealed === true && grant?.subscriptions.has(found.id) !== true ? undefined : found;
    if (!api) {
      refuse(
        exchange,
        apiId === '' ? 'notFound' : 'unknownApi',
        apiId === ''
          ? 'Sandbox URLs look like /<api-id>/<version-id>/<path>.'
          : `No API "${apiId}" in the sandbox. Copy the sandbox URL from the API's page on the portal.`,
      );
      return;
    }
    exchange.api = api.id;
    const versionEnd = apiEnd === -1 ? -1 : url.indexOf('/', apiEnd + 1);
    const versionId =
      apiEnd === -1
        ? ''
        : ((versionEnd === -1 ? url.slice(apiEnd + 1) : url.slice(apiEnd + 1, versionEnd)).split(
            '?',
          )[0] ?? '');
    const version = api.versions.get(versionId);
    if (!version) {
      refuse(
        exchange,
        'unknownVersion',
        `API "${api.id}" has no version "${versionId}"; it has ${[...api.versions.keys()].join(', ')} (current: ${api.currentVersionId}).`,
      );
      return;
    }
    exchange.version = version.id;
    const path = toContainedPath(url, api.id, version.id);
    if (path === undefined) {
      refuse(
        exchange,
        'notFound',
        `The path leaves /${api.id}/${version.id}/: dot segments cannot reach another API.`,
      );
      return;
    }
    exchange.req.url = path;
    for (const name in version.lifecycleHeaders)
      exchange.headers[name] = version.lifecycleHeaders[name];
    if (version.retired) {
      refuse(
        exchange,
        'versionRetired',
        `Version ${version.id} of "${api.id}" is retired${version.sunset === undefined ? '' : ` since ${version.sunset}`}; use ${api.currentVersionId}.`,
      );
      return;
    }
    if (key === '') {
      refuse(
        exchange,
        'missingKey',
        'Send your subscription key in the X-Api-Key header.',
        keyChallenge,
      );
      return;
    }
    grant ??= keys.find(key);
    if (!grant) {
      refuse(
        exchange,
        'unknownKey',
        'The key in X-Api-Key is not known to the sandbox. Check it was copied whole, or get a new one.',
        keyChallenge,
      );
      return;
    }
    exchange.consumerId = grant.consumerId;
    const subscription = grant.subscriptions.get(api.id);
    if (!subscription) {
      refuse(
        exchange,
        'notSubscribed',
        `Key ${grant.prefix}… has no subscription to "${api.id}". Ask for a key for this API on its portal page.`,
      );
      return;
    }
    if (subscription.status !== 'active') {
      refuse(
        exchange,
        refusalOfStatus[subscription.status],
        `The subscription of key ${grant.prefix}… to "${api.id}" is ${subscription.status}.`,
      );
      return;
    }
    if (Date.now() >= subscription.expiresAtMs) {
      refuse(
        exchange,
        'subscriptionExpired',
        Number.isFinite(subscription.expiresAtMs)
          ? `The subscription of key ${grant.prefix}… to "${api.id}" expired on ${new Date(subscription.expiresAtMs).toISOString()}.`
          : `The subscription of key ${grant.prefix}… to "${api.id}" has an end date the sandbox cannot read, so it is closed.`,
      );
      return;
    }
    const plan = api.plans[subscription.plan];
    exchange.plan = plan.name;
    const decision = quota.take(subscription.id, plan.requestsPerMinute, performance.now());
    exchange.headers['ratelimit-policy'] = plan.policyHeader;
    exchange.headers.ratelimit = toRateLimitHeader(
      plan.name,
      decision.remaining,
      decision.resetSeconds,
    );
    exchange.quotaLeft = decision.remaining;
    if (!decision.allowed) {
      options.onQuotaRefusal(exchange);
      const wait = Math.max(1, decision.resetSeconds);
      refuse(
        exchange,
        'quotaExceeded',
        `Key ${grant.prefix}… used the ${String(plan.requestsPerMinute)} requests a minute of the ${plan.name} plan on "${api.id}". Retry in ${String(wait)} s.`,
        { 'retry-after': String(wait) },
      );
      return;
    }
    forward(exchange);
  };
}

/** What to do once the mock server's answer is passed on, or could not be. */
export function createForwardedHandler(
  finish: (exchange: Exchange) => void,
): (exchange: Exchange, failure: UpstreamFailure | undefined) => void {
  return (exchange, failure) => {
    if (failure !== undefined) sendProblem(exchange, failure.name, failure.detail);
    finish(exchange);
  };
}
