/**
 * `npm run bench:mock-limits`: what a hostile document costs the mock server process, and the
 * other APIs it serves. A query checked against `pattern: '^(a+)+$'` with n 'a's and a '!' makes
 * a backtracking engine take 2^n steps; a response schema of `minItems: 5000000` strings of
 * `minLength: 100` asks a generator for half a gigabyte. Prints, for each, the status and time
 * of the hostile call, of a call to another API sent beside it, and the process's memory.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem, loadCatalog, writeSnapshot } from '../catalog/index.ts';
import { readCommandLine } from '../scripts/lib/cli/read-command-line.ts';
import { benchMockLimitsCommand } from './lib/bench-commands.ts';
import { startMockProcess, type MockProcess } from './lib/sandbox/mock-process.ts';

readCommandLine(benchMockLimitsCommand);

/** A call unanswered after this is reported as such (the gateway gives up after 10 s). */
const patienceMs = 15_000;

const hostileDocument = `openapi: 3.1.0
info: { title: Hostile, version: 1.0.0 }
paths:
  /redos:
    get:
      parameters:
        - { name: q, in: query, required: true, schema: { type: string, pattern: '^(a+)+$' } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object }, example: { ok: true } } } }
  /big:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: array, minItems: 5000000, items: { type: string, minLength: 100 } }
`;
const otherDocument = `openapi: 3.1.0
info: { title: Other, version: 1.0.0 }
paths:
  /x:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object }, example: { ok: true } } } }
`;

interface Outcome {
  status: string;
  milliseconds: number;
  bytes: number;
}

async function call(url: string, headers: Record<string, string> = {}): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(patienceMs) });
    const body = await response.arrayBuffer();
    return {
      status: String(response.status),
      milliseconds: performance.now() - started,
      bytes: body.byteLength,
    };
  } catch {
    return { status: 'no answer', milliseconds: performance.now() - started, bytes: 0 };
  }
}

function describe(outcome: Outcome): string {
  const time =
    outcome.milliseconds >= 1000
      ? `${(outcome.milliseconds / 1000).toFixed(2)} s`
      : `${outcome.milliseconds.toFixed(1)} ms`;
  return `${outcome.status} in ${time}${outcome.bytes > 0 ? `, ${String(outcome.bytes)} bytes` : ''}`;
}

async function describeMemory(mock: MockProcess): Promise<string> {
  const memory = await mock.memory();
  if (!memory) return 'memory unknown';
  const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
  return `RSS ${mib(memory.rss)} (peak ${mib(memory.peak)})`;
}

const dir = await mkdtemp(join(tmpdir(), 'guichet-bench-mock-limits-'));
let mock: MockProcess | undefined;
try {
  await writeFile(join(dir, 'hostile.yaml'), hostileDocument);
  await writeFile(join(dir, 'other.yaml'), otherDocument);
  const apisDir = join(dir, 'apis');
  for (const [id, file] of [
    ['hostile', 'hostile.yaml'],
    ['other', 'other.yaml'],
  ] as const) {
    await mkdir(join(apisDir, id), { recursive: true });
    await copyFile(join(dir, file), join(apisDir, id, 'openapi.yaml'));
  }
  const loaded = await loadCatalog({ apisDir, audience: 'internal' });
  if (loaded.failed) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const snapshot = join(dir, 'catalog.json');
  await writeSnapshot(loaded.catalog, snapshot);
  mock = await startMockProcess(snapshot);
  for (let ready = 0; ready < 2;) {
    ready = (await mock.health()).ready;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const other = (): string => `${mock?.url ?? ''}/other/v1/x`;
  console.log(`other API alone: ${describe(await call(other()))}`);
  console.log(`memory at rest: ${await describeMemory(mock)}`);
  for (const count of [20, 24, 28, 32, 40]) {
    const hostile = call(`${mock.url}/hostile/v1/redos?q=${'a'.repeat(count)}!`);
    // Sent once the hostile request is on its way, as another partner's call would be.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const beside = call(other());
    const [hostileOutcome, besideOutcome] = await Promise.all([hostile, beside]);
    console.log(
      `pattern ^(a+)+$, ${String(count)} a's and '!': ${describe(hostileOutcome)}; other API beside it: ${describe(besideOutcome)}`,
    );
    if (hostileOutcome.status === 'no answer') {
      console.log('  the mock server is stuck: restarting it for what follows');
      await mock.stop();
      mock = await startMockProcess(snapshot);
      for (let ready = 0; ready < 2;) {
        ready = (await mock.health()).ready;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
  console.log(`memory before the generated answer: ${await describeMemory(mock)}`);
  const big = call(`${mock.url}/hostile/v1/big`, { prefer: 'dynamic=true' });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const beside = call(other());
  const [bigOutcome, besideOutcome] = await Promise.all([big, beside]);
  console.log(
    `minItems 5000000 × minLength 100, Prefer: dynamic=true: ${describe(bigOutcome)}; other API beside it: ${describe(besideOutcome)}`,
  );
  console.log(`memory after: ${await describeMemory(mock)}`);
  console.log(`other API after: ${describe(await call(other()))}`);
} finally {
  await mock?.stop();
  await rm(dir, { recursive: true, force: true });
}
