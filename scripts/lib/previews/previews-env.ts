import { z } from 'zod';
import { defaultHost, defaultPorts } from '../../../catalog/default-ports.ts';
import { portVariable } from '../../../catalog/read-environment.ts';
import { apisDirVariable } from '../cli/command-variables.ts';
import { defaultPreviewsDir } from './preview-manifest.ts';

/** Folder `npm run build:preview` writes previews into and `npm run previews` serves. */
const previewsDirVariable = z.string().trim().min(1).default(defaultPreviewsDir);

/** The address reviewers open (`https://previews.example.org`), when a proxy fronts the server. */
const previewsUrlVariable = z
  .url({
    protocol: /^https?$/,
    error: 'must be an http(s) URL such as https://previews.example.org',
  })
  .transform((url) => url.replace(/\/+$/, ''))
  .optional();

/** The environment `npm run previews` reads, with its defaults. */
export const previewsEnvSchema = z.object({
  GUICHET_PREVIEWS_DIR: previewsDirVariable,
  GUICHET_PREVIEWS_HOST: z.string().trim().min(1).default(defaultHost),
  GUICHET_PREVIEWS_PORT: portVariable().default(defaultPorts.previews),
  GUICHET_PREVIEWS_URL: previewsUrlVariable,
  /** Minutes without a call before a preview's sandbox stops until its next call; 0: never. */
  GUICHET_PREVIEWS_IDLE_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes, 0 for never' })
    .min(0, { error: 'must be a number of minutes, 0 for never' })
    .default(30),
});

/** The environment `npm run build:preview` reads (a flag may override the folder). */
export const previewBuildEnvSchema = z.object({
  APIS_DIR: apisDirVariable,
  GUICHET_PREVIEWS_DIR: previewsDirVariable,
  GUICHET_PREVIEWS_URL: previewsUrlVariable,
  /** The preview's portal.yaml (language, identity); portal.yaml of the working folder by default. */
  GUICHET_PORTAL_FILE: z.string().trim().min(1).optional(),
});

/** The previews server's settings once validated. */
export type PreviewsEnv = z.output<typeof previewsEnvSchema>;
/** `npm run build:preview`'s settings once validated. */
export type PreviewBuildEnv = z.output<typeof previewBuildEnvSchema>;
