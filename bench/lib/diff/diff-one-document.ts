/**
 * Child process of `npm run bench:diff`: loads ONE corpus document the way `npm run diff` does
 * (through the catalog loader), compares it with an identical copy (the baseline: walking the
 * document costs this much even when nothing changed) and with an edited copy, and prints one
 * JSON line. One process per document, so its peak memory is its own.
 */
import { copyFile, mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { loadCatalog } from '../../../catalog/index.ts';
import { compareDocuments } from '../../../scripts/lib/diff/compare-documents.ts';
import { editDocument } from './edit-document.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: diff-one-document.ts <document>');

const scratch = await mkdtemp(join(tmpdir(), 'guichet-bench-diff-'));
try {
  await mkdir(join(scratch, 'api'));
  await copyFile(
    file,
    join(scratch, 'api', extname(file) === '.json' ? 'openapi.json' : 'openapi.yaml'),
  );
  let started = performance.now();
  const { catalog, failed } = await loadCatalog({ apisDir: scratch, audience: 'internal' });
  const loadMs = performance.now() - started;
  const document = catalog.apis[0]?.versions[0]?.document;
  if (failed || !document) throw new Error(`${file} does not load`);

  const identical = structuredClone(document);
  started = performance.now();
  const unchanged = compareDocuments(document, identical);
  const identicalMs = performance.now() - started;

  const edited = editDocument(document);
  started = performance.now();
  const changes = compareDocuments(document, edited);
  const editedMs = performance.now() - started;

  console.log(
    JSON.stringify({
      loadMs,
      identicalMs,
      editedMs,
      unchanged: unchanged.length,
      changes: changes.length,
      breaking: changes.filter((change) => change.breaking).length,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
} finally {
  await rm(scratch, { recursive: true, force: true });
}
