import { z } from 'zod';
import { defaultPreviewsDir } from './preview-manifest.ts';

/** The environment `npm run previews` reads, with its defaults. */
export const previewsEnvSchema = z.object({
  /** Folder `npm run build:preview` writes previews into. */
  GUICHET_PREVIEWS_DIR: z.string().trim().min(1).default(defaultPreviewsDir),
  GUICHET_PREVIEWS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  GUICHET_PREVIEWS_PORT: z.coerce.number().int().min(0).max(65_535).default(4400),
  /** The address reviewers open (`https://previews.example.org`), when a proxy fronts the server. */
  GUICHET_PREVIEWS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Minutes without a call before a preview's sandbox stops until its next call; 0: never. */
  GUICHET_PREVIEWS_IDLE_MINUTES: z.coerce.number().min(0).default(30),
});

/** The previews server's settings once validated. */
export type PreviewsEnv = z.output<typeof previewsEnvSchema>;

/**
 * Reads the previews server's settings; empty variables count as unset. Every invalid one is
 * reported at once as `NAME — message — hint`.
 */
export function parsePreviewsEnv(
  source: Readonly<Record<string, string | undefined>>,
): { ok: true; env: PreviewsEnv } | { ok: false; problems: string[] } {
  const given = Object.fromEntries(
    Object.keys(previewsEnvSchema.shape).flatMap((name) => {
      const value = source[name];
      return value === undefined || value.trim() === '' ? [] : [[name, value]];
    }),
  );
  const result = previewsEnvSchema.safeParse(given);
  if (result.success) return { ok: true, env: result.data };
  return {
    ok: false,
    problems: result.error.issues.map(
      (issue) => `${issue.path.map(String).join('.')} — ${issue.message} — fix or unset it`,
    ),
  };
}
