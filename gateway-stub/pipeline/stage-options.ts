import { z } from 'zod';

/**
 * Validates a stage factory's options, so a mistake in wiring the gateway fails at start-up
 * with every wrong field named (`<stage> options: field — message`), never on a request.
 */
export function parseStageOptions<T extends z.ZodType>(
  stage: string,
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(options)'} — ${issue.message}`,
  );
  throw new Error(`invalid ${stage} stage options:\n  ${lines.join('\n  ')}`);
}

/** An option that must be a function (a callback, a lookup's method). */
export function functionOption<T extends (...args: never[]) => unknown>(): z.ZodType<T, T> {
  return z.custom<T>((value) => typeof value === 'function', 'must be a function');
}

/** An option that must be an object with the given methods (a lookup, a limiter, a forwarder). */
export function objectWith<T>(...methods: string[]): z.ZodType<T, T> {
  return z.custom<T>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      methods.every((name) => typeof (value as Record<string, unknown>)[name] === 'function'),
    `must be an object with ${methods.join(', ')}`,
  );
}
