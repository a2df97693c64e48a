import { Client } from 'undici';
import { z } from 'zod';
import type { UpstreamSet } from './upstream-set.ts';
import { describeUpstreamFault } from './upstream-errors.ts';

/** The mock server's own health path (`mock-server/create-mock-server.ts`). */
export const mockHealthPath = '/_mock/health';

/** The one figure of `GET /_mock/health` the gateway reads; the rest is for operators. */
const healthReportSchema = z.object({ loading: z.int().min(0) });

/** A health report lists every version: a few hundred bytes each; more is no report. */
const maxReportBytes = 1_048_576;

/** How the mock servers' health is checked. */
export interface HealthProbeOptions {
  intervalMs: number;
  /** Longest wait for a connection, then for the whole answer. */
  connectTimeoutMs: number;
  timeoutMs: number;
}

/**
 * Asks every mock server of the set `GET /_mock/health` every `intervalMs`, on a connection
 * of its own (a pool busy with calls must not make a healthy server look dead). One is in
 * rotation when it answers 200 with `loading: 0` — every version prepared, so a restarted mock
 * server gets calls only once it can answer them at once; anything else takes it out. The
 * first check comes after one interval: until then the gateway trusts its mock servers as it
 * always did, and a refused connection takes one out on the way. Nothing runs for a single
 * mock server, which has no other to stand in for it.
 */
export function startHealthProbes(
  set: UpstreamSet,
  options: HealthProbeOptions,
): { stop(): Promise<void> } {
  if (set.upstreams.length < 2) return { stop: () => Promise.resolve() };
  const probes = set.upstreams.map((upstream) => ({
    upstream,
    client: new Client(upstream.origin, {
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    }),
    busy: false,
  }));

  const check = async (probe: (typeof probes)[number]): Promise<void> => {
    probe.busy = true;
    try {
      const verdict = await askHealth(probe.client, options.timeoutMs);
      if (verdict === undefined) set.putBack(probe.upstream);
      else set.takeOut(probe.upstream, verdict);
    } finally {
      probe.busy = false;
    }
  };

  const timer = setInterval(() => {
    for (const probe of probes) if (!probe.busy) void check(probe);
  }, options.intervalMs);
  // The probes never keep a stopping process alive.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(probes.map((probe) => probe.client.destroy()));
    },
  };
}

/** Undefined when healthy; else why not, in words for the operator's notice. */
async function askHealth(client: Client, timeoutMs: number): Promise<string | undefined> {
  try {
    const answer = await client.request({
      path: mockHealthPath,
      method: 'GET',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (answer.statusCode !== 200) {
      await answer.body.dump();
      return `health check answered ${String(answer.statusCode)}`;
    }
    let bytes = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxReportBytes) {
        answer.body.destroy();
        return 'health check answered more than a health report';
      }
      chunks.push(chunk);
    }
    const report = healthReportSchema.safeParse(parseJson(Buffer.concat(chunks).toString('utf8')));
    if (!report.success) return 'health check answered no health report';
    if (report.data.loading > 0) {
      return `health check: ${String(report.data.loading)} versions still preparing`;
    }
    return undefined;
  } catch (error) {
    return `health check failed: ${describeUpstreamFault(error)}`;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
