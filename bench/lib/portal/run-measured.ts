import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** How a child process ran. */
export interface MeasuredRun {
  code: number;
  seconds: number;
  /** Highest sum of resident memory of the process and all its descendants, in bytes. */
  peakRssBytes: number;
  /** CPU time (user and system) of the process and every descendant it waited for. */
  cpuSeconds: number;
  /** What it printed on stdout and stderr, for the report and for errors. */
  output: string;
}

/**
 * Runs a command and samples, every 100 ms, the resident memory of its whole process tree
 * (the build starts Pagefind's binary as a child): the peak is what the machine must hold.
 * Linux only, through /proc.
 */
export async function runMeasured(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<MeasuredRun> {
  const cpuBefore = await readChildrenCpuSeconds();
  const started = performance.now();
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peak = 0;
  let sampling = false;
  const timer = setInterval(() => {
    if (sampling || child.pid === undefined) return;
    sampling = true;
    void sumTreeRss(child.pid)
      .then((rss) => {
        peak = Math.max(peak, rss);
      })
      .finally(() => {
        sampling = false;
      });
  }, 100);
  const code = await new Promise<number>((resolve) => {
    child.on('close', (exitCode) => {
      resolve(exitCode ?? 1);
    });
  });
  clearInterval(timer);
  const cpuSeconds = (await readChildrenCpuSeconds()) - cpuBefore;
  return {
    code,
    seconds: (performance.now() - started) / 1000,
    peakRssBytes: peak,
    cpuSeconds,
    output,
  };
}

let ticksPerSecond: number | undefined;

/**
 * CPU time of this process's children that have ended and been waited for (`cutime` and
 * `cstime` of /proc/self/stat), their own waited children included: read before and after a
 * run, the difference is the run's whole tree, Astro's workers and Pagefind's binary with it.
 */
async function readChildrenCpuSeconds(): Promise<number> {
  ticksPerSecond ??=
    Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = await readFile('/proc/self/stat', 'utf8');
  // Fields after the command name, which sits in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

async function sumTreeRss(pid: number): Promise<number> {
  let total = await readRss(pid);
  for (const child of await listChildren(pid)) total += await sumTreeRss(child);
  return total;
}

async function readRss(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${String(pid)}/status`, 'utf8');
    const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kilobytes === undefined ? 0 : Number(kilobytes) * 1024;
  } catch {
    return 0;
  }
}

async function listChildren(pid: number): Promise<number[]> {
  try {
    const text = await readFile(`/proc/${String(pid)}/task/${String(pid)}/children`, 'utf8');
    return text
      .split(/\s+/)
      .filter((item) => item !== '')
      .map(Number);
  } catch {
    return [];
  }
}
