import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { BlockList } from 'node:net';
import { listPresentedSecrets } from './presented-secrets.ts';
import type { CompiledRequirement } from '../auth/compile-security.ts';
import type { Identity } from '../auth/identify-caller.ts';
import type { GrantedSubscription, KeyGrant } from '../keys/key-lookup.ts';
import type { ApiRoute, VersionRoute } from '../routing/route-table.ts';
import { toRequestId } from './request-id.ts';
import type { ProblemName, SandboxLanguage } from '../../catalog/sandbox-problems.ts';
import { toClientAddress } from './trusted-proxies.ts';

/**
 * One request's journey through the gateway: what each stage learned (the API, the consumer,
 * the quota left) and the headers every answer to it must carry, whether it comes from the
 * mock server or is a refusal. The access log and the metrics read it once the answer is sent.
 */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** Accepted from `X-Request-ID` when well formed, else generated. */
  requestId: string;
  /**
   * The secret parts of the credentials the request presented when it arrived
   * (`listPresentedSecrets`), kept for the access log: the forward stage takes
   * `Authorization` off the request before the log line is written.
   */
  presentedSecrets: readonly string[];
  /** The client's address: its peer's, or what a trusted proxy says (`toClientAddress`). */
  client: string;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  /** Headers added to whatever answer is sent: request id, CORS, RateLimit, Deprecation… */
  headers: OutgoingHttpHeaders;
  /** API id, or '' until the path names a known API. */
  api: string;
  /** Version id, or '' until known. */
  version: string;
  /** Consumer id, or '' until a key is recognised. */
  consumerId: string;
  /** Plan name, or '' until a subscription is found. */
  plan: string;
  /** Requests left in the window after this one, or -1 when no quota applied. */
  quotaLeft: number;
  /** Status sent, set when the answer starts. */
  status: number;
  /** Operation the mock server matched (`X-Guichet-Operation`), or ''. */
  operation: string;
  /** The problem the gateway answered with (`sendProblem`), or '' for any other answer. */
  problem: ProblemName | '';
  /** The API the path names, once the route stage found it. */
  apiRoute: ApiRoute | undefined;
  /** The version the path names, once the route stage found it. */
  versionRoute: VersionRoute | undefined;
  /** What the presented credentials are granted, once recognised. */
  grant: KeyGrant | undefined;
  /** Who the credentials stand for and how they came, once recognised (undefined: anonymous). */
  identity: Identity | undefined;
  /** What the operation called takes, once the authenticate stage found it. */
  requirement: CompiledRequirement | undefined;
  /** The scopes the call needs, of the alternative the credentials met. */
  requiredScopes: readonly string[];
  /** The scopes the call is made with, space-separated (the subscription's, a token's share). */
  grantedScopes: string;
  /** Who calls, as the mock server is told (`X-Guichet-*`), once the forward stage knows. */
  identityHeaders: Readonly<Record<string, string>> | undefined;
  /** The subscription the call is made under, once authorised. */
  subscription: GrantedSubscription | undefined;
  /** The language of refusals when `Accept-Language` names none of the sandbox's. */
  defaultLanguage: SandboxLanguage;
}

const noScopes: readonly string[] = [];

/** Where an answer keeps the exchange it belongs to (`exchangeOf`). */
const exchangeKey = Symbol('guichet exchange');
type Tagged = ServerResponse & { [exchangeKey]?: Exchange };

/** The exchange an answer belongs to, for a listener shared by every answer. */
export function exchangeOf(res: ServerResponse): Exchange | undefined {
  return (res as Tagged)[exchangeKey];
}

/**
 * Starts the record of a request, the moment it arrives: its id (the client's when well formed,
 * see `toRequestId`), its client (`trustedProxies` may say who it is) and its start time for the
 * latency the log and metrics report; `defaultLanguage` is the portal's, for refusals.
 */
export function createExchange(
  req: IncomingMessage,
  res: ServerResponse,
  defaultLanguage: SandboxLanguage,
  trustedProxies?: BlockList,
): Exchange {
  const presentedSecrets = listPresentedSecrets(req.headers);
  const requestId = toRequestId(req.headers['x-request-id'], presentedSecrets);
  const exchange: Exchange = {
    req,
    res,
    requestId,
    presentedSecrets,
    client: toClientAddress(req, trustedProxies),
    startedAt: performance.now(),
    headers: { 'x-request-id': requestId },
    api: '',
    version: '',
    consumerId: '',
    plan: '',
    quotaLeft: -1,
    status: 0,
    operation: '',
    problem: '',
    apiRoute: undefined,
    versionRoute: undefined,
    grant: undefined,
    identity: undefined,
    requirement: undefined,
    requiredScopes: noScopes,
    grantedScopes: '',
    identityHeaders: undefined,
    subscription: undefined,
    defaultLanguage,
  };
  (res as Tagged)[exchangeKey] = exchange;
  return exchange;
}
