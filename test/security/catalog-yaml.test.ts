import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { reportFor } from './helpers/catalog-report.ts';

/**
 * YAML aliases (`&name` … `*name`) let a few hundred bytes stand for gigabytes once expanded.
 * The build, lint and the sandbox all read documents through the catalog, so it refuses them
 * at once with a problem, instead of hanging or running out of memory.
 */
const head = ['openapi: 3.0.3', 'info: { title: Bomb, version: 1.0.0 }', 'paths: {}'];

/** The classic "billion laughs": nine levels of nine aliases each (775 bytes, 9⁹ leaves). */
function nestedAliasBomb(): string {
  const lines = [...head, 'x-laughs:', `  lol1: &lol1 [${Array(9).fill('"lol"').join(', ')}]`];
  for (let level = 2; level <= 9; level += 1) {
    const aliases = Array(9)
      .fill(`*lol${String(level - 1)}`)
      .join(', ');
    lines.push(`  lol${String(level)}: &lol${String(level)} [${aliases}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Seven levels of eight aliases over a 404-character leaf: 690 bytes, 106 MB as JSON. */
function wideAliasBomb(): string {
  const names = 'abcdefg';
  const lines = [...head, 'x-wide:', `  a: &a "${'w'.repeat(404)}"`];
  for (let level = 1; level < names.length; level += 1) {
    const name = names[level] ?? '';
    const below = names[level - 1] ?? '';
    lines.push(`  ${name}: &${name} [${Array(8).fill(`*${below}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('YAML alias bombs are refused at once', () => {
  test('nested aliases, 775 bytes for 9⁹ values (billion laughs)', async () => {
    const bomb = nestedAliasBomb();
    assert.equal(Buffer.byteLength(bomb), 775);
    assert.deepEqual(await reportFor({ 'apis/bomb/openapi.yaml': bomb }), [
      'apis/bomb/openapi.yaml:6 — (aliases) — expands its YAML aliases (*name) into more values than guichet reads (over 100,000 copies) — write a repeated part once, under components, and point to it with $ref',
    ]);
  });

  test('690 bytes of aliases that expand to over 100 MB', async () => {
    const bomb = wideAliasBomb();
    assert.equal(Buffer.byteLength(bomb), 690);
    assert.deepEqual(await reportFor({ 'apis/bomb/openapi.yaml': bomb }), [
      'apis/bomb/openapi.yaml:6 — (aliases) — expands its YAML aliases (*name) into more values than guichet reads (over 100,000 copies) — write a repeated part once, under components, and point to it with $ref',
    ]);
  });

  test('few aliases over a long value, expanding to 80 MB', async () => {
    const lines = [...head, 'x-long:', `  a: &a "${'l'.repeat(8000)}"`];
    lines.push(`  b: &b [${Array(100).fill('*a').join(',')}]`);
    lines.push(`  c: [${Array(100).fill('*b').join(',')}]`);
    assert.deepEqual(await reportFor({ 'apis/bomb/openapi.yaml': `${lines.join('\n')}\n` }), [
      'apis/bomb/openapi.yaml:6 — (size) — holds more than 64 MB of text once its YAML aliases (*name) are expanded — write a repeated part once, under components, and point to it with $ref',
    ]);
  });

  test('an alias inside the mapping it names, which never ends', async () => {
    const document = [...head, 'x-loop: &loop', '  again: *loop', ''].join('\n');
    assert.deepEqual(await reportFor({ 'apis/bomb/openapi.yaml': document }), [
      'apis/bomb/openapi.yaml:5 — (aliases) — *loop is inside the value it names, so the document never ends — write the value out instead of the alias',
    ]);
  });

  test('an alias that names no anchor', async () => {
    const document = [...head, 'x-missing: *nowhere', ''].join('\n');
    assert.deepEqual(await reportFor({ 'apis/bomb/openapi.yaml': document }), [
      'apis/bomb/openapi.yaml:4 — (aliases) — *nowhere names no anchor (&nowhere) set before it — set the anchor before the alias, or write the value out',
    ]);
  });

  test('a 40 MB JSON document', async () => {
    assert.deepEqual(
      await reportFor({ 'apis/huge/openapi.json': '{}' }, async (repo) => {
        const padding = `"${'j'.repeat(1024)}",`.repeat(40 * 1024);
        await writeFile(
          join(repo.apisDir, 'huge', 'openapi.json'),
          `{"openapi":"3.0.3","info":{"title":"Huge","version":"1"},"paths":{},"x-padding":[${padding}""]}`,
        );
      }),
      [
        'apis/huge/openapi.json:1 — (file) — is 40 MB, more than the 32 MB guichet reads — split the document into files joined by $ref, or trim what partners do not need',
      ],
    );
  });

  test('a 3 MB JSON document of one and a half million values', async () => {
    assert.deepEqual(
      await reportFor({ 'apis/huge/openapi.json': '{}' }, async (repo) => {
        const values = '0,'.repeat(1_500_000);
        await writeFile(
          join(repo.apisDir, 'huge', 'openapi.json'),
          `{"openapi":"3.0.3","info":{"title":"Huge","version":"1"},"paths":{},"x-zeros":[${values}0]}`,
        );
      }),
      [
        'apis/huge/openapi.json:1 — (size) — holds more than 1,000,000 values — split the document into files joined by $ref, or trim what partners do not need',
      ],
    );
  });

  test('a 3 MB YAML flow sequence of one and a half million values', async () => {
    const document = [...head, `x-zeros: [${'0,'.repeat(1_500_000)}0]`, ''].join('\n');
    assert.deepEqual(await reportFor({ 'apis/huge/openapi.yaml': document }), [
      'apis/huge/openapi.yaml:1 — (size) — holds more than 1,000,000 values — split the document into files joined by $ref, or trim what partners do not need',
    ]);
  });
});
