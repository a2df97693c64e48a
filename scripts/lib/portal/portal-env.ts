import { z } from 'zod';
import { defaultHost, defaultPorts } from '../../../catalog/default-ports.ts';
import { portVariable } from '../../../catalog/read-environment.ts';
import { visibilities } from '../../../catalog/index.ts';
import { apisDirVariable } from '../cli/command-variables.ts';
import { sandboxEnvSchema } from '../sandbox/sandbox-env.ts';

/**
 * The portal's settings in the environment (`config/portal-settings.ts` names them). Read as
 * text here: they are checked with the build's flags, which win over them, by the settings'
 * own schema, whose problems name the variable or the flag.
 */
const portalSettingsVariables = {
  GUICHET_BASE_PATH: z.string().optional(),
  GUICHET_SANDBOX_URL: z.string().optional(),
  GUICHET_ADMIN_URL: z.string().optional(),
  GUICHET_OUT_DIR: z.string().optional(),
  GUICHET_SNAPSHOT: z.string().optional(),
  GUICHET_PORTAL_FILE: z.string().optional(),
};

/** The environment `npm run build` (and `npm run build:preview`'s portal) reads. */
export const buildEnvSchema = z.object({
  APIS_DIR: apisDirVariable,
  /** Who the portal is for; `--audience` wins over it. */
  GUICHET_AUDIENCE: z
    .enum(visibilities, { error: `must be one of ${visibilities.join(', ')}` })
    .optional(),
  ...portalSettingsVariables,
});

/** The environment `npm start` reads: where to serve the portal, and its sandbox's ports. */
export const startEnvSchema = z.object({
  ...sandboxEnvSchema.omit({ GUICHET_GATEWAY_PORT: true }).shape,
  ...portalSettingsVariables,
  GUICHET_PORTAL_HOST: z.string().trim().min(1).default(defaultHost),
  GUICHET_PORTAL_PORT: portVariable().default(defaultPorts.portal),
});

/** `npm run build`'s environment once validated. */
export type BuildEnv = z.output<typeof buildEnvSchema>;
/** `npm start`'s environment once validated. */
export type StartEnv = z.output<typeof startEnvSchema>;
