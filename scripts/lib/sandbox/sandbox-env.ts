import { z } from 'zod';
import { defaultPorts } from '../../../catalog/default-ports.ts';
import { portVariable } from '../../../catalog/read-environment.ts';
import { apisDirVariable, sandboxDirVariable } from '../cli/command-variables.ts';

/**
 * The environment `npm run sandbox` reads; the gateway and the mock server it starts read the
 * rest of theirs themselves (`gateway-stub/server-env.ts`, `mock-server/mock-server-env.ts`).
 */
export const sandboxEnvSchema = z.object({
  APIS_DIR: apisDirVariable,
  /** Store, secret, admin token, logs and the catalog snapshot both servers read. */
  GUICHET_SANDBOX_DIR: sandboxDirVariable,
  GUICHET_GATEWAY_PORT: portVariable().default(defaultPorts.gateway),
  GUICHET_ADMIN_PORT: portVariable().default(defaultPorts.admin),
  MOCK_PORT: portVariable().default(defaultPorts.mock),
});

/** The sandbox launcher's settings once validated. */
export type SandboxEnv = z.output<typeof sandboxEnvSchema>;
