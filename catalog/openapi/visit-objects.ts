/**
 * Calls `visit` on every plain object inside `value` (arrays are walked through, not visited),
 * depth first, without recursion: a deeply nested document cannot exhaust the stack. Returning
 * `false` from `visit` stops the walk.
 */
export function visitObjects(
  value: unknown,
  visit: (object: Record<string, unknown>) => boolean | undefined,
): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      stack.push(...(current as unknown[]));
      continue;
    }
    const object = current as Record<string, unknown>;
    if (visit(object) === false) return;
    for (const child of Object.values(object)) {
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
}
