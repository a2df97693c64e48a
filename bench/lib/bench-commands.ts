/**
 * The usage and flags of each `npm run bench:*`, read with the commands' shared helper: a
 * benchmark asked for `--help` prints this and runs nothing.
 */

/** `npm run bench:build`. */
export const benchBuildCommand = {
  name: 'bench:build',
  usage: `Usage: npm run bench:build -- [options]

Builds the sample catalog (apis/), the corpus of real documents (../shared/corpus, or
CORPUS_DIR) and the corpus again with the previous commit, one after the other, and prints
wall and CPU time, peak memory, pages, output and search index sizes, the largest page, and
the gzipped HTML and JavaScript of each kind of page, with the corpus's ratio to the baseline
and to Zudoku's CPU time.

  --baseline <ref>   the commit to compare with (default: HEAD~1, or HEAD with local changes)
  --no-baseline      build only this checkout
  -h, --help         show this help`,
  options: {
    baseline: { type: 'string' },
    'no-baseline': { type: 'boolean' },
  },
} as const;

/** `npm run bench:lighthouse`. */
export const benchLighthouseCommand = {
  name: 'bench:lighthouse',
  usage: `Usage: npm run bench:lighthouse

Builds the sample catalog, serves it on loopback and runs Lighthouse (mobile profile, Debian's
Chromium) on the home, catalog, API, guide and reference pages.

  -h, --help   show this help`,
  options: {},
} as const;

/** `npm run bench:sandbox`. */
export const benchSandboxCommand = {
  name: 'bench:sandbox',
  usage: `Usage: npm run bench:sandbox

Mocks every document of the corpus (../shared/corpus) in one mock server process and prints
each document's preparation and first answer, the process's memory, and the baseline of one
process per document.

  -h, --help   show this help`,
  options: {},
} as const;

/** `npm run bench:diff`. */
export const benchDiffCommand = {
  name: 'bench:diff',
  usage: `Usage: npm run bench:diff

Compares the largest corpus documents, each in its own process, with an identical copy (the
baseline) and with an edited one, alternated (ABBA) and repeated, and prints CPU medians,
their spread, paired ratios, changes found and peak memory. BENCH_DIFF_DOCUMENTS sets how many
documents (default 12), BENCH_DIFF_REPEATS how many rounds (default 4, at least 3).

  -h, --help   show this help`,
  options: {},
} as const;

/** `npm run bench:stateful`. */
export const benchStatefulCommand = {
  name: 'bench:stateful',
  usage: `Usage: npm run bench:stateful

Sweeps the corpus of real documents (../shared/corpus, or CORPUS_DIR): per document, the
resources the sandbox infers and whether an automatic create-then-read round trip succeeds on
each, with totals and the main failure reasons; then measures the mock server's CPU per call on
the sample APIs, side by side: a stateless call with and without a consumer, and a read and a
create from the store against the same answered from examples.

  -h, --help   show this help`,
  options: {},
} as const;

/** The fewest keys bench:gateway sends in turn: fewer would measure little but the key cache. */
export const minimumKeys = 1_000;

/** `npm run bench:gateway`. */
export const benchGatewayCommand = {
  name: 'bench:gateway',
  usage: `Usage: npm run bench:gateway -- [options]

Sends the same load straight to a fast upstream, through a bare pass-through proxy, through
the gateway with 1,000 keys in turn (X-Api-Key), with 1,000 access tokens in turn
(Authorization: Bearer) and with a store of 100,000 keys all sent in turn, and prints
requests/s, latency and CPU time per request of each, and the ratios the gateway is held to.
Every key and token is sent once before anything is measured (a busy sandbox), and the CPU of
those first lookups is printed on its own. Any status but 200 voids the run.

  --duration <s>        measured seconds per slice (default 3)
  --rounds <n>          rounds of slices (default 4)
  --rate <requests/s>   the fixed-rate load (default 1000)
  --keys <n>            keys, and tokens, sent in turn (default and least 1000)
  --big-store <n>       keys of the large store, all sent in turn (default 100000)
  --redis-url <url>     also a gateway counting quotas in this Redis (default
                        $GUICHET_REDIS_URL; none without), beside the local path
  --database-url <url>  also a gateway whose store is on this PostgreSQL server (default
                        $GUICHET_DATABASE_URL): the bench creates a database of its own there,
                        and drops it at the end
  --profile <dir>       write a CPU profile of each server process there
  -h, --help            show this help`,
  options: {
    duration: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '4' },
    rate: { type: 'string', default: '1000' },
    keys: { type: 'string', default: '1000' },
    'big-store': { type: 'string', default: '100000' },
    'redis-url': { type: 'string' },
    'database-url': { type: 'string' },
    profile: { type: 'string' },
  },
} as const;

/** `npm run bench:mock-limits`. */
export const benchMockLimitsCommand = {
  name: 'bench:mock-limits',
  usage: `Usage: npm run bench:mock-limits

Starts the mock server process over two APIs, one of them hostile, and prints how long a query
against \`pattern: '^(a+)+$'\` takes with 32 and 40 'a's (and a call to the other API sent at
the same time), then what a generated answer of five million 100-character strings costs: its
status, size, time, and the process's RSS before and after (peak included). A call still
unanswered after 15 s is reported as such.

  -h, --help   show this help`,
  options: {},
} as const;
