/** What a steady load saw, once stopped. */
export interface LoadOutcome {
  /** Requests answered, whatever their status. */
  answered: number;
  /** Count per status, `error` for a request that got no answer at all. */
  statuses: Record<string, number>;
  /** The first few answers that were not expected, as `status detail`, to say why. */
  unexpected: string[];
}

/** Clients calling in a loop until stopped. */
export interface SteadyLoad {
  /** Requests answered so far. */
  answered(): number;
  /** Requests answered so far with a status `isExpected` refused, or with no answer. */
  failed(): number;
  stop(): Promise<LoadOutcome>;
}

/**
 * Starts `clients` loops, each sending `call(client, n)` as soon as its previous answer is
 * read, so the load follows what the servers can take. An answer is a failure when
 * `isExpected` says so (any 2xx by default) or when the request got no answer.
 */
export function startSteadyLoad(
  clients: number,
  call: (client: number, n: number) => Promise<Response>,
  isExpected: (status: number) => boolean = (status) => status >= 200 && status < 300,
): SteadyLoad {
  let stopping = false;
  let answered = 0;
  let failed = 0;
  const statuses: Record<string, number> = {};
  const unexpected: string[] = [];
  const record = (status: string, detail: string, ok: boolean): void => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (ok) return;
    failed += 1;
    if (unexpected.length < 10) unexpected.push(`${status} ${detail}`.trim());
  };
  const loop = async (client: number): Promise<void> => {
    for (let n = 0; !stopping; n += 1) {
      try {
        const response = await call(client, n);
        const body = await response.text();
        answered += 1;
        const ok = isExpected(response.status);
        record(String(response.status), ok ? '' : body.slice(0, 200), ok);
      } catch (error) {
        record('error', describeError(error), false);
      }
    }
  };
  const loops = Array.from({ length: clients }, (_, client) => loop(client));
  return {
    answered: () => answered,
    failed: () => failed,
    async stop() {
      stopping = true;
      await Promise.all(loops);
      return { answered, statuses, unexpected };
    },
  };
}

/** An error's own words and its cause's (fetch's own message says little). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
