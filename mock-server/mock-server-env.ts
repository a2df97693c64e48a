import { z } from 'zod';
import { defaultHost, defaultPorts } from '../catalog/default-ports.ts';
import {
  portVariable,
  readEnvironment,
  switchVariable,
  wholeNumberVariable,
  type EnvironmentResult,
} from '../catalog/read-environment.ts';
import { databaseUrlVariable } from '../catalog/postgres/database-url.ts';
import { languageVariable } from '../catalog/sandbox-languages.ts';
import { mockServerSettingsSchema, type MockServerSettingsInput } from './mock-server-options.ts';

/** A whole number, within the range of the setting it sets. */
function settingVariable(
  setting:
    | 'loadWaitMs'
    | 'prepareCpuMs'
    | 'prepareWorkers'
    | 'prepareHeapMb'
    | 'idleHours'
    | 'maxObjectsPerConsumer'
    | 'maxBytesPerConsumer',
) {
  return wholeNumberVariable().pipe(mockServerSettingsSchema.shape[setting].unwrap()).optional();
}

/** The environment `server.ts` reads, with its defaults. */
export const mockServerEnvSchema = z.object({
  MOCK_HOST: z.string().trim().min(1).default(defaultHost),
  MOCK_PORT: portVariable().default(defaultPorts.mock),
  /** A catalog written by `writeSnapshot`; without it, `apis/` is read. */
  GUICHET_SANDBOX_SNAPSHOT: z.string().trim().min(1).optional(),
  MOCK_DYNAMIC: switchVariable().optional(),
  MOCK_REFERENCE_FALLBACK: switchVariable().optional(),
  MOCK_LOAD_WAIT_MS: settingVariable('loadWaitMs'),
  MOCK_PREPARE_CPU_MS: settingVariable('prepareCpuMs'),
  MOCK_PREPARE_WORKERS: settingVariable('prepareWorkers'),
  MOCK_PREPARE_HEAP_MB: settingVariable('prepareHeapMb'),
  /** The sandbox's data folder, shared with the gateway; the mock server keeps `resources.sqlite` there. */
  GUICHET_SANDBOX_DIR: z.string().trim().min(1).default('.guichet/sandbox'),
  /**
   * PostgreSQL for the consumers' objects instead of `resources.sqlite` (the gateway keeps its
   * store there too). The value is never echoed: it holds a password.
   */
  GUICHET_DATABASE_URL: databaseUrlVariable().optional(),
  MOCK_STATEFUL: switchVariable().optional(),
  /** Language of refusals when the caller's `Accept-Language` names neither: the portal's (fr). */
  GUICHET_LANGUAGE: languageVariable,
  MOCK_STATEFUL_IDLE_HOURS: settingVariable('idleHours'),
  MOCK_STATEFUL_MAX_OBJECTS: settingVariable('maxObjectsPerConsumer'),
  MOCK_STATEFUL_MAX_BYTES: settingVariable('maxBytesPerConsumer'),
});

/** The mock server's environment once validated. */
export type MockServerEnv = z.output<typeof mockServerEnvSchema>;

/** Where the mock server listens and how it runs, read from an environment. */
export interface MockServerStart {
  host: string;
  port: number;
  snapshot: string | undefined;
  settings: MockServerSettingsInput;
}

/**
 * Reads the mock server's settings; empty variables count as unset. Every invalid one is
 * reported at once as `NAME — message — hint`.
 */
export function parseMockServerEnv(
  source: Readonly<Record<string, string | undefined>>,
): EnvironmentResult<MockServerStart> {
  const read = readEnvironment(mockServerEnvSchema, source);
  if (!read.ok) return read;
  const { env } = read;
  const settings = {
    dynamic: env.MOCK_DYNAMIC,
    referenceFallback: env.MOCK_REFERENCE_FALLBACK,
    loadWaitMs: env.MOCK_LOAD_WAIT_MS,
    prepareCpuMs: env.MOCK_PREPARE_CPU_MS,
    prepareWorkers: env.MOCK_PREPARE_WORKERS,
    prepareHeapMb: env.MOCK_PREPARE_HEAP_MB,
    stateful: env.MOCK_STATEFUL,
    dataDir: env.GUICHET_SANDBOX_DIR,
    databaseUrl: env.GUICHET_DATABASE_URL,
    idleHours: env.MOCK_STATEFUL_IDLE_HOURS,
    maxObjectsPerConsumer: env.MOCK_STATEFUL_MAX_OBJECTS,
    maxBytesPerConsumer: env.MOCK_STATEFUL_MAX_BYTES,
    defaultLanguage: env.GUICHET_LANGUAGE,
  };
  return {
    ok: true,
    env: {
      host: env.MOCK_HOST,
      port: env.MOCK_PORT,
      snapshot: env.GUICHET_SANDBOX_SNAPSHOT,
      // Unset settings keep the defaults of `mockServerSettingsSchema`.
      settings: Object.fromEntries(
        Object.entries(settings).filter(([, value]) => value !== undefined),
      ),
    },
  };
}
