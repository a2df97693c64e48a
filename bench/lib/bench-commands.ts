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
  usage: `Usage: npm run bench:lighthouse -- [options]

Builds the sample catalog (APIS_DIR, else apis/) with a generated API large enough to get one
page per tag, serves it on loopback and runs Lighthouse (mobile profile, Debian's Chromium) on
the home, catalog, API, per-tag, guide and reference pages, then prints the CSS, JavaScript
and fonts each page loads (gzip), the DSFR theme's own files apart.

  --portal <file>   the portal.yaml to build with, e.g. examples/dsfr/portal.yaml for the
                    DSFR theme (default: portal.yaml, or guichet's defaults without one)
  -h, --help        show this help`,
  options: { portal: { type: 'string' } },
} as const;

/** `npm run bench:search`. */
export const benchSearchCommand = {
  name: 'bench:search',
  usage: `Usage: npm run bench:search -- [options]

Builds the sample catalog (apis/) and the corpus of real documents (../shared/corpus, or
CORPUS_DIR), then types queries into each portal's own search page in Chromium: a fixed list
on the sample (summaries, operationIds, paths, schema names, French without accents, partial
words, guide titles), and on the corpus the summary, operationId and path of a seeded draw of
operations. Prints per kind of query and overall the top-1 and top-3 rates and the mean
reciprocal rank, and the misses (all of them in .guichet/bench/search/).

  --operations <n>   corpus operations drawn, among those whose summary is unique in
                     their API (default 300; all: every one of them, hours)
  --seed <n>         the draw's seed (default 10)
  --concurrency <n>  search pages open side by side (default 3)
  --sample-only      build and search the sample catalog only
  --no-build         search the portals the last run built, as they are
  -h, --help         show this help`,
  options: {
    operations: { type: 'string', default: '300' },
    seed: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '3' },
    'sample-only': { type: 'boolean' },
    'no-build': { type: 'boolean' },
  },
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
(Authorization: Bearer), with a store of 100,000 keys all sent in turn, and with the usage
counts off (their cost: goal 1.05), and prints requests/s, latency and CPU time per request of
each, and the ratios the gateway is held to.
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
  --usage-only          only the gateway with and without usage counts (and the bare proxy),
                        at 32 clients and the fixed rate
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
    'usage-only': { type: 'boolean', default: false },
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

/** `npm run bench:usage`. */
export const benchUsageCommand = {
  name: 'bench:usage',
  usage: `Usage: npm run bench:usage -- [options]

Fills a fresh gateway store with usage aggregates through the gateway's own recorder (10
million calls of 1,000 consumers to 100 APIs over 90 days by default, sparse and heavy-tailed),
then runs every query the owners' and the consumers' usage views make, over each period and
resolution they offer and with each filter, and the CSV exports, and prints each query's
median time beside the 200 ms goal, with the store's rows, size and fill time.

  --requests <n>    calls in all (default 10000000)
  --apis <n>        APIs (default 100)
  --consumers <n>   consumers (default 1000)
  --days <n>        days of traffic, ending at today's midnight UTC (default 90)
  --runs <n>        timed runs of each query, after one warm-up (default 5)
  --dir <folder>    fill the store there and keep it (default: a temporary folder, removed)
  --database-url <postgres://…>
                    fill an empty PostgreSQL database instead of the folder's SQLite file
  --reuse           query the store filled there the same day (--dir or --database-url)
                    instead of filling it
  -h, --help        show this help`,
  options: {
    requests: { type: 'string', default: '10000000' },
    apis: { type: 'string', default: '100' },
    consumers: { type: 'string', default: '1000' },
    days: { type: 'string', default: '90' },
    runs: { type: 'string', default: '5' },
    dir: { type: 'string' },
    'database-url': { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
} as const;
