import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streamLlmsFull } from '../../../../catalog/markdown-twin/render-llms.ts';

const encoder = new TextEncoder();
const twins = ['# Impôts\n\n> Déclarer — en ligne\n', '# Agenda\n\n## Operations (2)\n'].map(
  (text) => encoder.encode(text),
);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

test('llms-full.txt is its header, then each twin after a rule', async () => {
  const chunks = await readAll(streamLlmsFull(twins));
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  const header =
    "# guichet API catalog, in full\n\n> Every operation of the 2 APIs' current versions. One API per top-level heading.\n";
  const parts = twins.map((twin) => new TextDecoder().decode(twin));
  assert.equal(text, [header, ...parts].join('\n---\n\n'));
});

test('llms-full.txt sends the twins’ own bytes, never a copy, and leaves them whole', async () => {
  const chunks = await readAll(streamLlmsFull(twins));
  for (const twin of twins) assert.ok(chunks.includes(twin), 'a twin is sent as it was rendered');
  const again = new TextDecoder().decode(Buffer.concat(await readAll(streamLlmsFull(twins))));
  assert.match(again, /Déclarer — en ligne[\s\S]*Operations \(2\)\n$/);
});
