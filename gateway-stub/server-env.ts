import { z } from 'zod';
import { defaultPorts, toLocalUrl } from '../catalog/default-ports.ts';
import { visibilities } from '../catalog/index.ts';
import { databaseUrlVariable } from '../catalog/postgres/database-url.ts';
import { portVariable } from '../catalog/read-environment.ts';
import { languageVariable } from '../catalog/sandbox-languages.ts';
import type { GatewayOptionsInput } from './gateway-options.ts';
import { isProxyEntry } from './http/trusted-proxies.ts';
import { upstreamListSchema } from './proxy/upstream-list.ts';
import { redisFailurePolicies } from './quota/redis-quota.ts';
import { redisPrefixVariable, redisUrlVariable } from './redis/redis-url.ts';

const port = portVariable();
const positive = z.coerce.number().int().positive();
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => ['1', 'true', 'yes'].includes(value));

/** The environment variables `server.ts` reads, with their defaults. */
export const gatewayEnvSchema = z.object({
  /** Catalog snapshot written by `npm run sandbox`; without it the gateway loads `apis/` itself. */
  GUICHET_SANDBOX_SNAPSHOT: z.string().min(1).optional(),
  /** The audience of the portal this sandbox serves, as its build's: `public` unless said. */
  GUICHET_AUDIENCE: z.enum(visibilities).optional(),
  GUICHET_GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  GUICHET_GATEWAY_PORT: port.default(defaultPorts.gateway),
  /** Keep the admin port on loopback unless a firewall guards it. */
  GUICHET_ADMIN_HOST: z.string().min(1).default('127.0.0.1'),
  GUICHET_ADMIN_PORT: port.default(defaultPorts.admin),
  /** The mock server's origin, or several, comma-separated, which the gateway balances between. */
  GUICHET_UPSTREAM_URL: upstreamListSchema.optional(),
  /** With several mock servers, how often each one's health is checked (1000 ms). */
  GUICHET_UPSTREAM_HEALTH_INTERVAL_MS: positive.optional(),
  GUICHET_SANDBOX_DIR: z.string().min(1).optional(),
  /** PostgreSQL for the store instances share; the data folder's SQLite file without it. */
  GUICHET_DATABASE_URL: z.preprocess(
    // An empty value clears it, as shells write `NAME=`.
    (value) => (value === '' ? undefined : value),
    databaseUrlVariable().optional(),
  ),
  /** Redis for quotas and change announcements every instance shares; each counts alone without. */
  GUICHET_REDIS_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    redisUrlVariable().optional(),
  ),
  /** Prefix of guichet's keys in Redis (`guichet:`). */
  GUICHET_REDIS_PREFIX: redisPrefixVariable().optional(),
  /** While Redis cannot decide: `fail-open` (this instance's own limiter) or `fail-closed` (503). */
  GUICHET_REDIS_FAILURE: z.enum(redisFailurePolicies).optional(),
  /** Longest wait for Redis's quota decision before the failure policy decides (40 ms). */
  GUICHET_REDIS_TIMEOUT_MS: positive.max(60_000).optional(),
  GUICHET_ADMIN_TOKEN: z.string().min(16, 'must have at least 16 characters').optional(),
  /** Comma-separated origins, e.g. `http://127.0.0.1:4321,http://localhost:4321`. */
  GUICHET_CORS_ORIGINS: z.string().optional(),
  GUICHET_PORTAL_URL: z.url().default(toLocalUrl(defaultPorts.portal)),
  /** Language of refusals when the caller's `Accept-Language` names neither: the portal's (fr). */
  GUICHET_LANGUAGE: languageVariable,
  GUICHET_UPSTREAM_TIMEOUT_MS: positive.optional(),
  GUICHET_CONNECT_TIMEOUT_MS: positive.optional(),
  GUICHET_MAX_BODY_BYTES: positive.optional(),
  GUICHET_MAX_HEADER_BYTES: positive.optional(),
  GUICHET_LOG_RETENTION_DAYS: positive.optional(),
  GUICHET_ANONYMIZE_IPS: flag.optional(),
  GUICHET_TRIAL_KEYS_PER_HOUR: positive.optional(),
  GUICHET_USAGE_FLUSH_MS: positive.optional(),
  /** Days per-minute usage aggregates are kept before being rolled up into days (90). */
  GUICHET_USAGE_RETENTION_DAYS: positive.max(3_650).optional(),
  /** Connections one client address may hold on each port (256). */
  GUICHET_MAX_CONNECTIONS_PER_ADDRESS: positive.optional(),
  /** Connections each port holds in all (4096). */
  GUICHET_MAX_CONNECTIONS: positive.optional(),
  /** Time to send the request headers, idle connections included (10000 ms). */
  GUICHET_HEADERS_TIMEOUT_MS: positive.optional(),
  /** Time to send a whole request (30000 ms). */
  GUICHET_REQUEST_TIMEOUT_MS: positive.optional(),
  /** Idle time between two requests of a keep-alive connection (5000 ms). */
  GUICHET_KEEP_ALIVE_TIMEOUT_MS: positive.optional(),
  /** Reverse proxies believed about X-Forwarded-For: comma-separated addresses or networks. */
  GUICHET_TRUSTED_PROXIES: z
    .string()
    .refine((value) => toListItems(value).every(isProxyEntry), {
      error: (issue) =>
        `"${String(toListItems(String(issue.input)).find((item) => !isProxyEntry(item)))}" is not an IP address or a network such as 10.0.0.0/8`,
    })
    .transform(toListItems)
    .optional(),
  /** How often quota windows reach the store (1000 ms). */
  GUICHET_QUOTA_FLUSH_MS: positive.optional(),
  /**
   * The sandbox's public address, `iss` of its tokens and base of its OAuth 2.0 metadata
   * (default: http://<GUICHET_GATEWAY_HOST>:<GUICHET_GATEWAY_PORT>, 127.0.0.1 for 0.0.0.0).
   */
  GUICHET_ISSUER_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Lifetime of access tokens (900 s, 60 to 3600). */
  GUICHET_TOKEN_LIFETIME_SECONDS: positive.optional(),
  /** How long a secret its holder rotated keeps working (86400 s; 0 stops it at once). */
  GUICHET_SECRET_GRACE_SECONDS: z.coerce.number().int().min(0).optional(),
  /** Failed client authentications an address may make in a minute (20). */
  GUICHET_MAX_FAILED_AUTHENTICATIONS_PER_MINUTE: positive.optional(),
});

/** `a, b,,c` → `a`, `b`, `c`. */
function toListItems(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The gateway's environment once validated. */
export type GatewayEnv = z.output<typeof gatewayEnvSchema>;

/** Where to listen, besides the gateway's own options. */
export interface ServerSettings {
  env: GatewayEnv;
  options: Omit<GatewayOptionsInput, 'catalog'>;
}

/**
 * Reads the gateway's settings from an environment. Every invalid variable is reported at
 * once as `NAME — message`, so a start-up mistake reads like the build's problems.
 */
export function parseGatewayEnv(
  source: Record<string, string | undefined>,
): { ok: true; settings: ServerSettings } | { ok: false; problems: string[] } {
  const result = gatewayEnvSchema.safeParse(source);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map(
        (issue) =>
          `${issue.path.map(String).join('.')} — ${issue.message} — fix or unset this variable`,
      ),
    };
  }
  const env = result.data;
  const options: Omit<GatewayOptionsInput, 'catalog'> = {
    portalUrl: env.GUICHET_PORTAL_URL.replace(/\/$/, ''),
    ...(env.GUICHET_AUDIENCE === undefined ? {} : { audience: env.GUICHET_AUDIENCE }),
    ...(env.GUICHET_UPSTREAM_URL === undefined ? {} : { upstreamUrl: env.GUICHET_UPSTREAM_URL }),
    ...(env.GUICHET_LANGUAGE === undefined ? {} : { defaultLanguage: env.GUICHET_LANGUAGE }),
    ...(env.GUICHET_SANDBOX_DIR === undefined ? {} : { dataDir: env.GUICHET_SANDBOX_DIR }),
    ...(env.GUICHET_DATABASE_URL === undefined ? {} : { databaseUrl: env.GUICHET_DATABASE_URL }),
    ...(env.GUICHET_REDIS_URL === undefined ? {} : { redisUrl: env.GUICHET_REDIS_URL }),
    ...(env.GUICHET_REDIS_PREFIX === undefined ? {} : { redisPrefix: env.GUICHET_REDIS_PREFIX }),
    ...(env.GUICHET_REDIS_FAILURE === undefined ? {} : { redisFailure: env.GUICHET_REDIS_FAILURE }),
    ...(env.GUICHET_REDIS_TIMEOUT_MS === undefined
      ? {}
      : { redisTimeoutMs: env.GUICHET_REDIS_TIMEOUT_MS }),
    ...(env.GUICHET_ADMIN_TOKEN === undefined ? {} : { adminToken: env.GUICHET_ADMIN_TOKEN }),
    ...(env.GUICHET_CORS_ORIGINS === undefined
      ? {}
      : {
          corsOrigins: env.GUICHET_CORS_ORIGINS.split(',')
            .map((item) => item.trim())
            .filter(Boolean),
        }),
    ...(env.GUICHET_UPSTREAM_HEALTH_INTERVAL_MS === undefined
      ? {}
      : { upstreamHealthIntervalMs: env.GUICHET_UPSTREAM_HEALTH_INTERVAL_MS }),
    ...(env.GUICHET_UPSTREAM_TIMEOUT_MS === undefined
      ? {}
      : { upstreamTimeoutMs: env.GUICHET_UPSTREAM_TIMEOUT_MS }),
    ...(env.GUICHET_CONNECT_TIMEOUT_MS === undefined
      ? {}
      : { connectTimeoutMs: env.GUICHET_CONNECT_TIMEOUT_MS }),
    ...(env.GUICHET_MAX_BODY_BYTES === undefined
      ? {}
      : { maxBodyBytes: env.GUICHET_MAX_BODY_BYTES }),
    ...(env.GUICHET_MAX_HEADER_BYTES === undefined
      ? {}
      : { maxHeaderBytes: env.GUICHET_MAX_HEADER_BYTES }),
    ...(env.GUICHET_LOG_RETENTION_DAYS === undefined
      ? {}
      : { logRetentionDays: env.GUICHET_LOG_RETENTION_DAYS }),
    ...(env.GUICHET_ANONYMIZE_IPS === undefined
      ? {}
      : { anonymizeClientAddresses: env.GUICHET_ANONYMIZE_IPS }),
    ...(env.GUICHET_TRIAL_KEYS_PER_HOUR === undefined
      ? {}
      : { trialKeysPerHour: env.GUICHET_TRIAL_KEYS_PER_HOUR }),
    ...(env.GUICHET_USAGE_FLUSH_MS === undefined
      ? {}
      : { usageFlushMs: env.GUICHET_USAGE_FLUSH_MS }),
    ...(env.GUICHET_USAGE_RETENTION_DAYS === undefined
      ? {}
      : { usageRetentionDays: env.GUICHET_USAGE_RETENTION_DAYS }),
    ...(env.GUICHET_TRUSTED_PROXIES === undefined
      ? {}
      : { trustedProxies: env.GUICHET_TRUSTED_PROXIES }),
    ...(env.GUICHET_MAX_CONNECTIONS_PER_ADDRESS === undefined
      ? {}
      : { maxConnectionsPerAddress: env.GUICHET_MAX_CONNECTIONS_PER_ADDRESS }),
    ...(env.GUICHET_MAX_CONNECTIONS === undefined
      ? {}
      : { maxConnections: env.GUICHET_MAX_CONNECTIONS }),
    ...(env.GUICHET_HEADERS_TIMEOUT_MS === undefined
      ? {}
      : { headersTimeoutMs: env.GUICHET_HEADERS_TIMEOUT_MS }),
    ...(env.GUICHET_REQUEST_TIMEOUT_MS === undefined
      ? {}
      : { requestTimeoutMs: env.GUICHET_REQUEST_TIMEOUT_MS }),
    ...(env.GUICHET_KEEP_ALIVE_TIMEOUT_MS === undefined
      ? {}
      : { keepAliveTimeoutMs: env.GUICHET_KEEP_ALIVE_TIMEOUT_MS }),
    ...(env.GUICHET_QUOTA_FLUSH_MS === undefined
      ? {}
      : { quotaFlushMs: env.GUICHET_QUOTA_FLUSH_MS }),
    issuerUrl:
      env.GUICHET_ISSUER_URL ??
      `http://${toUrlHost(env.GUICHET_GATEWAY_HOST)}:${String(env.GUICHET_GATEWAY_PORT)}`,
    ...(env.GUICHET_TOKEN_LIFETIME_SECONDS === undefined
      ? {}
      : { tokenLifetimeSeconds: env.GUICHET_TOKEN_LIFETIME_SECONDS }),
    ...(env.GUICHET_SECRET_GRACE_SECONDS === undefined
      ? {}
      : { secretGraceSeconds: env.GUICHET_SECRET_GRACE_SECONDS }),
    ...(env.GUICHET_MAX_FAILED_AUTHENTICATIONS_PER_MINUTE === undefined
      ? {}
      : { maxFailedAuthenticationsPerMinute: env.GUICHET_MAX_FAILED_AUTHENTICATIONS_PER_MINUTE }),
  };
  return { ok: true, settings: { env, options } };
}

/** A listening host as it goes into a URL: a wildcard means this machine, IPv6 in brackets. */
function toUrlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
