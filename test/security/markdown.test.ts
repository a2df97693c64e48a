import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportFor } from './helpers/catalog-report.ts';

/**
 * Owners' Markdown (descriptions, guides) is rendered by a parser and tree builders that recurse
 * once per nesting level and spend more than linear time on long runs of marks: a few KB of `>`
 * overflowed the stack of lint, build and sandbox alike, and 100 KB of `*a` took minutes. The
 * catalog bounds every text first. Each message below is the bounding pre-scan's own (the
 * renderer's failures read "could not be rendered as Markdown"), so these cases show the input
 * was refused before any parsing, however slow the machine.
 */
function documentDescribedAs(description: string, rest: string[] = ['paths: {}']): string {
  return [
    'openapi: 3.0.3',
    'info:',
    '  title: Hostile',
    '  version: 1.0.0',
    `  description: ${JSON.stringify(description)}`,
    ...rest,
    '',
  ].join('\n');
}

/** A small document whose `/things` operation, parameter and response carry `fields` (YAML). */
function documentWithOperation(operationLines: string[]): string {
  return documentDescribedAs('Hostile.', [
    'paths:',
    '  /things:',
    '    get:',
    ...operationLines.map((line) => `      ${line}`),
  ]);
}

const okResponse = ['responses:', "  '200':", '    description: OK'];

async function guideReport(guide: string): Promise<string[]> {
  return reportFor({
    'apis/hostile/openapi.yaml': documentDescribedAs('Hostile.'),
    'apis/hostile/guides/01-deep.md': `# Deep\n\n${guide}`,
  });
}

function nestedList(levels: number): string {
  return `${Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}- x`).join('\n')}\n`;
}

const guideAt = 'apis/hostile/guides/01-deep.md:3 — (markdown) —';
/** A guide too large is refused as a whole, at its first line. */
const wholeGuide = 'apis/hostile/guides/01-deep.md:1 — (markdown) —';
const quotesTooDeep =
  'nests block quotes and lists more than 32 levels deep — flatten the quotes and lists: a few levels say as much';
const escapeHint = 'escape the characters meant literally with a backslash, or put them in `code`';

describe('Markdown nested or repeated beyond the bounds is refused before it is rendered', () => {
  test('info.description of 5,000 `>` (5 KB, overflowed the stack)', async () => {
    assert.deepEqual(
      await reportFor({ 'apis/hostile/openapi.yaml': documentDescribedAs('>'.repeat(5000)) }),
      [`apis/hostile/openapi.yaml:5 — info.description — ${quotesTooDeep}`],
    );
  });

  test('a guide of 20,000 `>` (20 KB)', async () => {
    assert.deepEqual(await guideReport(`${'>'.repeat(20_000)} a\n`), [
      `${guideAt} ${quotesTooDeep}`,
    ]);
  });

  test('a guide of 30,000 `<div>` (150 KB)', async () => {
    assert.deepEqual(await guideReport(`${'<div>'.repeat(30_000)}\n`), [
      `${guideAt} nests HTML elements more than 256 levels deep — close each element (</div>) before opening the next, or write Markdown instead`,
    ]);
  });

  test('a guide of 3,000 `<div></x>`, closing tags that close nothing', async () => {
    assert.deepEqual(await guideReport(`${'<div></x>\n'.repeat(3000)}\n`), [
      'apis/hostile/guides/01-deep.md:259 — (markdown) — nests HTML elements more than 256 levels deep — close each element (</div>) before opening the next, or write Markdown instead',
    ]);
  });

  test('a guide of a list nested 3,000 levels (9 MB, still building after 600 s)', async () => {
    assert.deepEqual(await guideReport(nestedList(3000)), [
      `${wholeGuide} is 9,009,002 characters of Markdown, more than the 1,048,576 guichet renders — split it into several guides`,
    ]);
  });

  test('a guide of a list nested 200 levels by indentation (40 KB)', async () => {
    assert.deepEqual(await guideReport(nestedList(200)), [
      `apis/hostile/guides/01-deep.md:67 — (markdown) — ${quotesTooDeep}`,
    ]);
  });

  test('a guide of 2,000 list markers on one line', async () => {
    assert.deepEqual(await guideReport(`${'- '.repeat(2000)}x\n`), [`${guideAt} ${quotesTooDeep}`]);
  });

  test('a guide of 50,000 `*a` (100 KB, 90 s and 700 MB)', async () => {
    assert.deepEqual(await guideReport(`${'*a'.repeat(50_000)}\n`), [
      `${guideAt} holds more than 5,000 emphasis marks (*, _ or ~) — ${escapeHint}`,
    ]);
  });

  test('a guide of 50,000 `[` (50 KB, 19 s)', async () => {
    assert.deepEqual(await guideReport(`${'['.repeat(50_000)}\n`), [
      `${guideAt} holds more than 1,000 square brackets ([ or ]) in one paragraph — ${escapeHint}`,
    ]);
  });

  test('a guide of 50,000 link references (1.6 MB, 1.5 GB)', async () => {
    const lines = Array.from(
      { length: 50_000 },
      (_, index) => `[l${String(index)}]: http://x/${String(index)}`,
    );
    const uses = Array.from({ length: 50_000 }, (_, index) => `[l${String(index)}]`);
    assert.deepEqual(await guideReport(`${lines.join('\n')}\n\n${uses.join(' ')}\n`), [
      `${wholeGuide} is 1,666,673 characters of Markdown, more than the 1,048,576 guichet renders — split it into several guides`,
    ]);
  });

  test('a guide of 2,000 link references, a blank line between each (40 KB)', async () => {
    const lines = Array.from(
      { length: 2000 },
      (_, index) => `[l${String(index)}]: http://x/${String(index)}`,
    );
    assert.deepEqual(await guideReport(`${lines.join('\n\n')}\n`), [
      'apis/hostile/guides/01-deep.md:2003 — (markdown) — defines more than 1,000 link references ([name]: url) — write the links inline, as [text](https://…), or split the text',
    ]);
  });

  test('a guide of a table of 3,000 columns × 300 rows (1.8 MB, ran V8 out of memory)', async () => {
    const row = `|${'a|'.repeat(3000)}\n`;
    const table = `${row}|${'-|'.repeat(3000)}\n${row.repeat(300)}`;
    assert.deepEqual(await guideReport(table), [
      `${wholeGuide} is 1,812,606 characters of Markdown, more than the 1,048,576 guichet renders — split it into several guides`,
    ]);
  });

  test('a guide of a table of 300 columns whose 100 rows are empty (2 KB, 30,000 cells)', async () => {
    const table = `|${'a|'.repeat(300)}\n|${'-|'.repeat(300)}\n${'|\n'.repeat(100)}`;
    assert.deepEqual(await guideReport(table), [
      'apis/hostile/guides/01-deep.md:69 — (markdown) — holds tables of more than 20,000 cells — split the table, or offer the data as a file to download',
    ]);
  });

  test('a guide of emphasis nested 2,500 levels (15 KB, 16 s, then overflowed the stack)', async () => {
    assert.deepEqual(await guideReport(`${'*a '.repeat(2500)}x${' a*'.repeat(2500)}\n`), [
      `${guideAt} holds more than 1,000 emphasis marks (*, _ or ~) in one paragraph — ${escapeHint}`,
    ]);
  });

  test('a guide of images nested 1,250 levels in links (14 KB, 7 s)', async () => {
    assert.deepEqual(await guideReport(`${'[!['.repeat(1250)}x${'](y)](z)'.repeat(1250)}\n`), [
      `${guideAt} holds more than 1,000 square brackets ([ or ]) in one paragraph — ${escapeHint}`,
    ]);
  });

  test('a guide of emphasis nested 200 levels, within every count', async () => {
    // The one case the pre-scan lets through: the parsed tree is refused before it is walked.
    assert.deepEqual(await guideReport(`${'*a '.repeat(200)}x${' a*'.repeat(200)}\n`), [
      `${guideAt} nests Markdown more than 128 levels deep (emphasis, links or quotes inside one another) — flatten it: a few levels say as much`,
    ]);
  });

  test('an info.description of 600,000 characters', async () => {
    assert.deepEqual(
      await reportFor({ 'apis/hostile/openapi.yaml': documentDescribedAs('a'.repeat(600_000)) }),
      [
        'apis/hostile/openapi.yaml:5 — info.description — is 600,000 characters of Markdown, more than the 524,288 guichet renders — shorten it, and move long explanations to a guide (guides/*.md)',
      ],
    );
  });
});

describe('every description the portal or its console renders is bounded', () => {
  test('an operation description of 5,000 `>`', async () => {
    const document = documentWithOperation([
      `description: ${JSON.stringify('>'.repeat(5000))}`,
      ...okResponse,
    ]);
    assert.deepEqual(await reportFor({ 'apis/hostile/openapi.yaml': document }), [
      `apis/hostile/openapi.yaml:9 — paths./things.get.description — ${quotesTooDeep}`,
    ]);
  });

  test('an operation description of emphasis nested 200 levels', async () => {
    const nested = `${'*a '.repeat(200)}x${' a*'.repeat(200)}`;
    const document = documentWithOperation([
      `description: ${JSON.stringify(nested)}`,
      ...okResponse,
    ]);
    assert.deepEqual(await reportFor({ 'apis/hostile/openapi.yaml': document }), [
      'apis/hostile/openapi.yaml:9 — paths./things.get.description — nests Markdown more than 128 levels deep (emphasis, links or quotes inside one another) — flatten it: a few levels say as much',
    ]);
  });

  test('a parameter description of 3,000 `<div>` (the console renders it)', async () => {
    const document = documentWithOperation([
      'parameters:',
      '  - name: q',
      '    in: query',
      `    description: ${JSON.stringify('<div>'.repeat(3000))}`,
      ...okResponse,
    ]);
    assert.deepEqual(await reportFor({ 'apis/hostile/openapi.yaml': document }), [
      'apis/hostile/openapi.yaml:12 — paths./things.get.parameters.0.description — nests HTML elements more than 256 levels deep — close each element (</div>) before opening the next, or write Markdown instead',
    ]);
  });

  test('a schema property’s description of 50,000 `[` in another file', async () => {
    const document = documentWithOperation([
      'responses:',
      "  '200':",
      '    description: OK',
      '    content:',
      '      application/json:',
      '        schema: { $ref: ./thing.yaml }',
    ]);
    const schema = `type: object\nproperties:\n  name:\n    type: string\n    description: ${JSON.stringify('['.repeat(50_000))}\n`;
    assert.deepEqual(
      await reportFor({ 'apis/hostile/openapi.yaml': document, 'apis/hostile/thing.yaml': schema }),
      [
        `apis/hostile/thing.yaml:5 — properties.name.description — holds more than 1,000 square brackets ([ or ]) in one paragraph — ${escapeHint}`,
      ],
    );
  });

  test('a tag description and an extension’s description of 50,000 `*a`', async () => {
    const marks = JSON.stringify('*a'.repeat(50_000));
    const document = documentDescribedAs('Hostile.', [
      'paths: {}',
      'tags:',
      `  - { name: things, description: ${marks} }`,
      'x-partner:',
      `  description: ${marks}`,
    ]);
    const tail = `holds more than 5,000 emphasis marks (*, _ or ~) — ${escapeHint}`;
    assert.deepEqual(await reportFor({ 'apis/hostile/openapi.yaml': document }), [
      `apis/hostile/openapi.yaml:8 — tags.0.description — ${tail}`,
      `apis/hostile/openapi.yaml:10 — x-partner.description — ${tail}`,
    ]);
  });
});
