/**
 * A `node --test` reporter for the hostile-input suite: each test is one input a pull request
 * or an attacker could send, run through the real build, lint, sandbox or previews server. It
 * prints, per file and in all, how many inputs were tried, refused correctly, and handled wrong.
 */
import { basename } from 'node:path';

interface TestEvent {
  type: string;
  data: { name: string; file?: string; details?: { type?: string } };
}

interface Tally {
  tried: number;
  refused: number;
  wrong: string[];
}

export default async function* tallyReporter(
  source: AsyncIterable<TestEvent>,
): AsyncGenerator<string> {
  const byFile = new Map<string, Tally>();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    // Suites report too; only tests are inputs.
    if (event.data.details?.type === 'suite') continue;
    const file = event.data.file ? basename(event.data.file, '.test.ts') : '(unknown)';
    const tally = byFile.get(file) ?? { tried: 0, refused: 0, wrong: [] };
    tally.tried += 1;
    if (event.type === 'test:pass') tally.refused += 1;
    else tally.wrong.push(event.data.name);
    byFile.set(file, tally);
  }
  const total: Tally = { tried: 0, refused: 0, wrong: [] };
  yield '\nHostile inputs, through the real components:\n';
  for (const [file, tally] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    yield `  ${file.padEnd(28)} tried ${String(tally.tried).padStart(3)}, refused correctly ${String(tally.refused).padStart(3)}, wrong ${String(tally.wrong.length).padStart(3)}\n`;
    for (const name of tally.wrong) yield `    wrong: ${name}\n`;
    total.tried += tally.tried;
    total.refused += tally.refused;
    total.wrong.push(...tally.wrong);
  }
  yield `  ${'all'.padEnd(28)} tried ${String(total.tried).padStart(3)}, refused correctly ${String(total.refused).padStart(3)}, wrong ${String(total.wrong.length).padStart(3)}\n`;
}
