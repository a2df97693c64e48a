import type { z } from 'zod';
import { readEnvironment } from '../../../catalog/read-environment.ts';

/**
 * Reads this process's environment through the command's one schema; on a wrong variable it
 * prints `<name>: NAME — message — hint` for each and exits 1, as the gateway and the mock
 * server do, before the command has started anything.
 */
export function readCommandEnvironment<Shape extends z.ZodRawShape>(
  name: string,
  schema: z.ZodObject<Shape>,
  source: Readonly<Record<string, string | undefined>> = process.env,
): z.output<z.ZodObject<Shape>> {
  const result = readEnvironment(schema, source);
  if (result.ok) return result.env;
  for (const problem of result.problems) process.stderr.write(`${name}: ${problem}\n`);
  process.exit(1);
}
