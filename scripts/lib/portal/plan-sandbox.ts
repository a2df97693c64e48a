/** Where `npm start` should run the sandbox the portal was built to call, if anywhere. */
export type SandboxPlan =
  { start: true; host: string; port: number } | { start: false; reason: string };

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Decides from the portal's sandbox URL whether `npm start` runs the sandbox too: only when the
 * URL points at this machine (any other host runs its own), on the port the URL names, so the
 * console's requests reach it.
 */
export function planSandbox(sandboxUrl: string, wanted: boolean): SandboxPlan {
  if (!wanted) return { start: false, reason: 'not started (--no-sandbox)' };
  if (sandboxUrl.startsWith('/')) {
    return {
      start: false,
      reason: `not started here: the portal calls ${sandboxUrl} on its own origin, as \`npm run previews\` serves it`,
    };
  }
  const url = new URL(sandboxUrl);
  if (!loopback.has(url.hostname)) {
    return { start: false, reason: `not started here: the portal calls ${sandboxUrl}` };
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    return {
      start: false,
      reason: `not started here: ${sandboxUrl} has a path prefix, which a local sandbox does not serve`,
    };
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { start: true, host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname, port };
}
