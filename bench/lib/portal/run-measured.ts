import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** How a child process ran. */
export interface MeasuredRun {
  code: number;
  seconds: number;
  /** Highest sum of resident memory of the process and all its descendants, in bytes. */
  peakRssBytes: number;
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
): Promise<MeasuredRun> {
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  return { code, seconds: (performance.now() - started) / 1000, peakRssBytes: peak, output };
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
