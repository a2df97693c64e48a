import type { SupervisorEvent } from './supervise-child.ts';

/** The launcher's line for a server that died or answers again; undefined for a final exit. */
export function describeSandboxEvent(event: SupervisorEvent): string | undefined {
  if (event.type === 'restarted') {
    return `sandbox: the ${event.name} answers again (pid ${String(event.pid)})`;
  }
  if (event.restartInMs === undefined) return undefined;
  const how = event.signal ?? `exit code ${String(event.code)}`;
  const meanwhile = event.name === 'mock server' ? ' — the gateway answers 503 meanwhile' : '';
  return `sandbox: the ${event.name} stopped (${how}); starting it again in ${String(event.restartInMs / 1000)} s${meanwhile}`;
}

/** Prints `describeSandboxEvent` on stderr: the `onEvent` of `npm run sandbox` and `npm start`. */
export function printSandboxEvent(event: SupervisorEvent): void {
  const line = describeSandboxEvent(event);
  if (line !== undefined) console.error(line);
}
