import { z } from 'zod';
import { isProxyEntry } from './http/trusted-proxies.ts';
import { upstreamListSchema } from './proxy/upstream-list.ts';
import { defaultPorts, toLocalUrl } from '../catalog/default-ports.ts';
import { visibilities, type Catalog } from '../catalog/index.ts';
import { defaultSandboxLanguage, sandboxLanguages } from '../catalog/sandbox-languages.ts';
import { maxSecretGraceSeconds } from './clients/client-service.ts';
import { maxTokenLifetimeSeconds } from './oauth/signing-keys.ts';
import { redisFailurePolicies } from './quota/redis-quota.ts';
import { redisPrefixVariable, redisUrlVariable } from './redis/redis-url.ts';

/** The portal's origins in development, allowed to call the sandbox from the browser. */
export const defaultCorsOrigins = [
  toLocalUrl(defaultPorts.portal),
  `http://localhost:${String(defaultPorts.portal)}`,
];

/** Everything `createGateway` can be told; only `catalog` is required. */
export const gatewayOptionsSchema = z.strictObject({
  /** The catalog to route (audience `internal`: restricted APIs need an approved key). */
  catalog: z.custom<Catalog>(
    (value) => Array.isArray((value as Partial<Catalog> | null)?.apis),
    'must be a catalog from loadCatalog() or readSnapshot()',
  ),
  /**
   * Who the deployment serves, as the portal it stands beside (`GUICHET_AUDIENCE`). An API
   * this audience may not see answers, to anyone without a key subscribed to it, exactly as an
   * id that names no API; self-service never issues keys for it (an administrator does).
   */
  audience: z.enum(visibilities).default('public'),
  /**
   * Origin of the mock server, or of several (`GUICHET_UPSTREAM_URL`): a comma-separated list
   * or an array. With several, calls go round them; one that refuses connections or fails its
   * health check is left out until it passes again, and a call its connection was refused for
   * goes to another one.
   */
  upstreamUrl: upstreamListSchema.default([toLocalUrl(defaultPorts.mock)]),
  /**
   * With several mock servers, how often each is asked `GET /_mock/health`, in ms: one is back
   * in rotation once it answers that every version is prepared.
   */
  upstreamHealthIntervalMs: z.int().positive().default(1_000),
  /**
   * Longest wait for the mock server's answer headers, in ms, counted from when the request is
   * passed on, time queued for one of `upstreamConnections` included; then between body chunks.
   */
  upstreamTimeoutMs: z.int().positive().default(10_000),
  /** Longest wait to open a connection to the mock server, in ms. */
  connectTimeoutMs: z.int().positive().default(2_000),
  /** Keep-alive connections to the mock server. */
  upstreamConnections: z.int().positive().max(1_024).default(64),
  /**
   * Folder of the store, the server secret, the admin token, the access logs and this
   * instance's quota windows.
   */
  dataDir: z.string().min(1).default('.guichet/sandbox'),
  /**
   * PostgreSQL for the store instances share (`GUICHET_DATABASE_URL`,
   * `postgres://user:password@host:5432/database`): consumers, keys, subscriptions, clients,
   * revoked tokens, signing keys and usage, so several gateways serve one sandbox. Without it,
   * the SQLite file of `dataDir`. Every instance on one database needs the same `secret.key`.
   * Open such a gateway with `openGateway`.
   */
  databaseUrl: z
    .string()
    .regex(/^postgres(?:ql)?:\/\/./, { error: 'must be a postgres:// URL' })
    .optional(),
  /**
   * Redis shared by every gateway of the sandbox (`GUICHET_REDIS_URL`, `redis://host:6379`):
   * quotas are counted there, exact across instances, and changes are announced there too.
   * Without it, each gateway counts its own. Open such a gateway with `openGateway`.
   */
  redisUrl: redisUrlVariable().optional(),
  /** Prefix of guichet's keys and channel in Redis (`GUICHET_REDIS_PREFIX`, `guichet:`). */
  redisPrefix: redisPrefixVariable().default('guichet:'),
  /**
   * What a call gets while Redis cannot decide its quota (`GUICHET_REDIS_FAILURE`):
   * `fail-open` (the default) lets this gateway's own limiter decide, `fail-closed` answers
   * 503 quota-unavailable.
   */
  redisFailure: z.enum(redisFailurePolicies).default('fail-open'),
  /**
   * Longest wait for Redis's quota decision, in ms (`GUICHET_REDIS_TIMEOUT_MS`, 40), after
   * which the failure policy decides: a call's quota is decided within about this time.
   */
  redisTimeoutMs: z.int().positive().max(60_000).default(40),
  /** Admin token; when absent, read from (or created in) `<dataDir>/admin-token`. */
  adminToken: z.string().min(16, 'must have at least 16 characters').optional(),
  /** Origins allowed to call the public port from a browser, as `scheme://host:port`. */
  corsOrigins: z.array(z.string()).default(defaultCorsOrigins),
  /**
   * The sandbox's public address as partners reach it (`GUICHET_ISSUER_URL`): the `iss` of its
   * access tokens and the base of the endpoints its OAuth 2.0 metadata lists.
   */
  issuerUrl: z
    .url({ protocol: /^https?$/ })
    .transform((value) => value.replace(/\/+$/, ''))
    .default(toLocalUrl(defaultPorts.gateway)),
  /** Lifetime of the access tokens the sandbox issues, in seconds (short, as in production). */
  tokenLifetimeSeconds: z.int().min(60).max(maxTokenLifetimeSeconds).default(900),
  /**
   * How long a rotated client secret keeps working beside the new one, in seconds, when its
   * holder rotates it from the portal (an administrator gives a grace of their own to the CLI).
   */
  secretGraceSeconds: z.int().min(0).max(maxSecretGraceSeconds).default(86_400),
  /** Failed client authentications one client address may make in a minute before a 429. */
  maxFailedAuthenticationsPerMinute: z.int().positive().default(20),
  /**
   * Language of refusals whose request's `Accept-Language` names none of the sandbox's: the
   * portal's (`language` in `portal.yaml`, read by `server.ts`), French unless set.
   */
  defaultLanguage: z.enum(sandboxLanguages).default(defaultSandboxLanguage),
  /** Portal address for `Link: rel="deprecation"`; none when undefined. */
  portalUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: z.int().positive().default(1_048_576),
  /** Largest request line plus headers accepted, in bytes (Node's `maxHeaderSize`). */
  maxHeaderBytes: z.int().min(1_024).default(16_384),
  /**
   * Connections one client address (an IPv6 /64) may hold open on each port; more are answered
   * 429 `too-many-connections` and closed, so one client cannot lock the others out.
   */
  maxConnectionsPerAddress: z.int().positive().default(256),
  /**
   * Connections each port holds open in all; more are closed unanswered. Keep it well under the
   * process's file-descriptor limit (`ulimit -n`), which the store, logs and upstream use too.
   */
  maxConnections: z.int().positive().default(4_096),
  /**
   * Longest time for a client to send its request line and headers, in ms (then 408); it also
   * closes connections that send nothing at all.
   */
  headersTimeoutMs: z.int().positive().default(10_000),
  /** Longest time to receive a whole request, body included, in ms (at least `headersTimeoutMs`). */
  requestTimeoutMs: z.int().positive().default(30_000),
  /** How long a keep-alive connection may stay idle between two requests, in ms. */
  keepAliveTimeoutMs: z.int().positive().default(5_000),
  /** Days of access-log files kept, today included. */
  logRetentionDays: z.int().min(1).max(3_650).default(10),
  /** Blur client addresses in the access log (last IPv4 octet, IPv6 past /48). */
  anonymizeClientAddresses: z.boolean().default(true),
  /**
   * Reverse proxies (addresses or networks: `10.0.0.1`, `10.0.0.0/8`, `fd00::/8`) believed about
   * the client they forward for: from them the client is the right-most `X-Forwarded-For` entry
   * that is not one of them, and their connections are not held to `maxConnectionsPerAddress`
   * (they carry every client's). None by default: from any other peer the header is ignored.
   */
  trustedProxies: z
    .array(
      z
        .string()
        .trim()
        .refine(
          isProxyEntry,
          'must be IP addresses or networks such as 10.0.0.0/8, comma-separated',
        ),
    )
    .default([]),
  /** Trial keys one client (an IPv4 address, an IPv6 /64) may ask for in an hour. */
  trialKeysPerHour: z.int().positive().default(5),
  /** How often usage counts are written to the store, in ms. */
  usageFlushMs: z.int().positive().default(5_000),
  /**
   * Days the per-minute (and per-hour) usage aggregates are kept
   * (`GUICHET_USAGE_RETENTION_DAYS`, 90); past them only the day rows remain, which the reports
   * go on counting.
   */
  usageRetentionDays: z.int().positive().max(3_650).default(90),
  /**
   * Count each call for the usage reports (the default). Off, the reports stay empty: only
   * `npm run bench:gateway` turns it off, to measure what the counting costs the request path
   * against the same gateway without it. No environment variable sets it.
   */
  recordUsage: z.boolean().default(true),
  /**
   * Where operational notices go, one line each: the access log or the store cannot be written
   * (a full disk), and when they can again. Told once per change, not once per request.
   */
  onNotice: z.custom<(line: string) => void>((value) => typeof value === 'function').optional(),
  /**
   * How often quota windows are written to the store, in ms, so a restarted gateway goes on
   * counting; after a crash a key can get at most this interval's calls a second time.
   */
  quotaFlushMs: z.int().positive().default(1_000),
  /** Where unexpected errors are reported (stack traces stay server-side). */
  onError: z.custom<(error: unknown) => void>((value) => typeof value === 'function').optional(),
});

/** Options as a caller writes them. */
export type GatewayOptionsInput = z.input<typeof gatewayOptionsSchema>;
/** Options with defaults applied. */
export type GatewayOptions = z.output<typeof gatewayOptionsSchema>;

/** Validates options, throwing one error that lists every invalid field. */
export function parseGatewayOptions(input: GatewayOptionsInput): GatewayOptions {
  const result = gatewayOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(options)'} — ${issue.message}`,
  );
  throw new Error(`invalid gateway options:\n  ${lines.join('\n  ')}`);
}
