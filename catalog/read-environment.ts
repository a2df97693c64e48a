import { z } from 'zod';

/**
 * A port number in an environment variable: `0` asks the system for a free one. The same
 * message for every wrong value, whatever check it failed.
 */
export function portVariable() {
  const message = 'must be a port number, from 0 to 65535';
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(0, { error: message })
    .max(65_535, { error: message });
}

/** A count, a size or a duration in an environment variable: digits only. */
export function wholeNumberVariable() {
  const message = 'must be a whole number';
  return z.coerce.number({ error: message }).int({ error: message }).min(0, { error: message });
}

/** An on/off switch in an environment variable. */
export function switchVariable() {
  return z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], {
      error: 'must be true or false (or 1/0, yes/no)',
    })
    .transform((value) => value === 'true' || value === '1' || value === 'yes');
}

/** What `readEnvironment` returns: the process's settings, or one line per wrong variable. */
export type EnvironmentResult<T> = { ok: true; env: T } | { ok: false; problems: string[] };

/**
 * Reads a process's environment through its one schema (a `z.object` of variable names):
 * only the schema's variables are read, and an empty one counts as unset, as shells write
 * `NAME=` to clear it. Every wrong variable is reported at once as `NAME — message — hint`.
 */
export function readEnvironment<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  source: Readonly<Record<string, string | undefined>>,
): EnvironmentResult<z.output<z.ZodObject<Shape>>> {
  const given = Object.fromEntries(
    Object.keys(schema.shape).flatMap((name) => {
      const value = source[name];
      return value === undefined || value.trim() === '' ? [] : [[name, value]];
    }),
  );
  const result = schema.safeParse(given, { error: toBoundMessage });
  if (result.success) return { ok: true, env: result.data };
  return {
    ok: false,
    problems: result.error.issues.map(
      (issue) =>
        `${issue.path.map(String).join('.')} — ${issue.message} — fix or unset this variable`,
    ),
  };
}

/** Bounds in words, for the checks whose schema gives no message of its own. */
function toBoundMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'too_big' && issue.origin === 'number') {
    return `must be ${issue.inclusive === false ? 'below' : 'at most'} ${String(issue.maximum)}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number') {
    return `must be ${issue.inclusive === false ? 'above' : 'at least'} ${String(issue.minimum)}`;
  }
  return undefined;
}
