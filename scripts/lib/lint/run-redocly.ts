import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { repositoryRoot, toDisplayPath } from '../../../catalog/index.ts';
import type { Finding } from './finding.ts';
import { toRedoclyHint } from './redocly-hints.ts';

const run = promisify(execFile);

interface RedoclyProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  suggest?: string[];
  location: { source: { ref: string }; start?: { line: number; col: number } }[];
}

/** Where the Redocly CLI lives, resolved through its package so no PATH lookup is involved. */
function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
}

/**
 * Lints entry documents with Redocly and the project's `redocly.yaml`, in one process for speed.
 * A document Redocly cannot process at all stops its run, so that document becomes a finding of
 * its own and the others are linted again without it. Redocly runs at the repository root and
 * prints paths relative to it; they are printed the way the catalog prints its own.
 */
export async function runRedocly(files: readonly string[], config: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  let pending = [...files];
  while (pending.length > 0) {
    const { stdout, stderr } = await lint(pending, config);
    const crashed = /Something went wrong when processing (.+?):\s*\n\s*-\s*(.+)/.exec(stderr);
    if (crashed?.[1]) {
      const file = resolve(repositoryRoot, crashed[1]);
      findings.push({
        file: toDisplayPath(file),
        line: 1,
        rule: 'redocly',
        severity: 'error',
        message: `Redocly cannot read this document: ${crashed[2]?.trim() ?? 'unknown error'}`,
        hint: 'check the `openapi`/`swagger` field: write it as text, e.g. swagger: "2.0"',
      });
      const rest = pending.filter((candidate) => resolve(candidate) !== file);
      // A crash naming a file that was not asked for would otherwise repeat forever.
      if (rest.length === pending.length) break;
      pending = rest;
      continue;
    }
    findings.push(...toFindings(stdout));
    break;
  }
  return findings;
}

async function lint(
  files: readonly string[],
  config: string,
): Promise<{ stdout: string; stderr: string }> {
  const args = [
    '--import',
    pathToFileURL(join(import.meta.dirname, 'redocly-offline.ts')).href,
    redoclyBin(),
    'lint',
    '--format=json',
    `--config=${resolve(config)}`,
    ...files.map((file) => resolve(file)),
  ];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  try {
    return await run(process.execPath, args, {
      cwd: repositoryRoot,
      env,
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    // Redocly exits 1 when it found errors; its report is still on stdout.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (stdout === undefined) throw error;
    return { stdout, stderr: stderr ?? '' };
  }
}

function toFindings(stdout: string): Finding[] {
  const problems = splitJsonObjects(stdout).flatMap(
    (text) => (JSON.parse(text) as { problems: RedoclyProblem[] }).problems,
  );
  return problems.map((problem) => {
    const location = problem.location[0];
    return {
      file: location ? toDisplayPath(resolve(repositoryRoot, location.source.ref)) : '(unknown)',
      line: location?.start?.line ?? 1,
      ...(location?.start ? { column: location.start.col } : {}),
      rule: problem.ruleId,
      severity: problem.severity === 'error' ? 'error' : 'warning',
      message: problem.message,
      hint: toRedoclyHint(problem.ruleId, problem.suggest),
    };
  });
}

/**
 * Redocly prints one JSON report per group of documents of the same OpenAPI version, back to
 * back; split them at the top-level braces (strings may hold braces, so track them too).
 */
function splitJsonObjects(text: string): string[] {
  const objects: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0) objects.push(text.slice(start, index + 1));
    }
  }
  return objects;
}
