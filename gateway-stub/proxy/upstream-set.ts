import { Pool } from 'undici';

/** One mock server, with its own pool of keep-alive connections. */
export interface Upstream {
  origin: string;
  pool: Pool;
  /** In rotation: it neither refused a connection nor failed a health check since it passed one. */
  inRotation: boolean;
}

/** The mock servers a gateway sends its calls to, and which of them are in rotation. */
export interface UpstreamSet {
  readonly upstreams: readonly Upstream[];
  /** The next one in rotation, in turn; in turn among all when none is. */
  pick(): Upstream;
  /** One not in `tried`, in rotation first; undefined once every one was tried. */
  pickOther(tried: readonly Upstream[]): Upstream | undefined;
  /** Leaves one out of the rotation, saying why (once per change). */
  takeOut(upstream: Upstream, reason: string): void;
  /** Puts one back once it passed a health check (once per change). */
  putBack(upstream: Upstream): void;
  close(): Promise<void>;
}

/**
 * Opens one undici `Pool` per origin and turns between them. A single mock server is always
 * picked, in or out of rotation, and nothing is said about it: with one there is no other to
 * send a call to, so the gateway behaves as it did before there could be several.
 */
export function createUpstreamSet(
  origins: readonly string[],
  poolOptions: Pool.Options,
  onNotice: (line: string) => void,
): UpstreamSet {
  const upstreams: Upstream[] = origins.map((origin) => ({
    origin,
    pool: new Pool(origin, poolOptions),
    inRotation: true,
  }));
  const [only] = upstreams;
  if (only === undefined) throw new Error('the gateway needs at least one mock server');
  const several = upstreams.length > 1;
  let next = 0;

  const countInRotation = (): number => upstreams.filter((item) => item.inRotation).length;

  return {
    upstreams,
    pick() {
      if (!several) return only;
      const count = upstreams.length;
      for (let step = 0; step < count; step += 1) {
        const candidate = upstreams[(next + step) % count] ?? only;
        if (candidate.inRotation) {
          next = (next + step + 1) % count;
          return candidate;
        }
      }
      // None in rotation: trying them in turn beats refusing every call.
      const fallback = upstreams[next] ?? only;
      next = (next + 1) % count;
      return fallback;
    },
    pickOther(tried) {
      const left = upstreams.filter((item) => !tried.includes(item));
      return left.find((item) => item.inRotation) ?? left[0];
    },
    takeOut(upstream, reason) {
      if (!several || !upstream.inRotation) return;
      upstream.inRotation = false;
      onNotice(
        `mock server ${upstream.origin} out of rotation (${reason}); ${String(countInRotation())} of ${String(upstreams.length)} in rotation`,
      );
    },
    putBack(upstream) {
      if (!several || upstream.inRotation) return;
      upstream.inRotation = true;
      onNotice(
        `mock server ${upstream.origin} back in rotation; ${String(countInRotation())} of ${String(upstreams.length)} in rotation`,
      );
    },
    async close() {
      await Promise.all(upstreams.map((upstream) => upstream.pool.close()));
    },
  };
}
