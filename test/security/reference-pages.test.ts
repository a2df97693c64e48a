import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import { createHostileRepo, type HostileRepo } from './helpers/hostile-repo.ts';

/**
 * The reference pages print what owners wrote: names, examples, enums, patterns, media types.
 * One real build (`npm run build`'s script) of a hostile API, then its pages are read: nothing
 * an owner wrote may become markup, run, load, or make a page unbounded.
 */
const injected = `<img src=x onerror="window.__pwned=1">`;
/** The same, without quotes, where YAML needs a key or a pointer. */
const injectedName = '<img src=x onerror=window.__pwned=1>';

const hostileDocument = `openapi: 3.1.0
info:
  title: Hostile reference
  version: 1.0.0
  description: Hostile.
tags:
  - name: '<b onmouseover="window.__pwned=1">Tag</b>'
paths:
  /things/{id}:
    get:
      operationId: getThing
      summary: Get a thing
      tags: ['<b onmouseover="window.__pwned=1">Tag</b>']
      parameters:
        - name: 'id"><svg onload="window.__pwned=1">'
          in: path
          required: true
          schema: { type: string, pattern: '</code><script>window.__pwned=1</script>' }
          example: '<script>window.__pwned=1</script>'
        - name: mode
          in: query
          schema:
            type: string
            enum: ['<script>window.__pwned=1</script>', safe]
            default: '${injected}'
      responses:
        '200':
          description: OK
          headers:
            '${injected}': { schema: { type: string } }
          content:
            'text/html"><script>window.__pwned=1</script>':
              schema: { type: string }
              example: '<script>window.__pwned=1</script>'
            application/json:
              schema: { $ref: '#/components/schemas/${injectedName}' }
              examples:
                remote:
                  summary: '<script>window.__pwned=1</script>'
                  externalValue: 'http://attacker.invalid/example.json'
                inline:
                  value: { html: '${injected}', $ref: 'http://attacker.invalid/x.json' }
  "/shell/{id}'$(touch PWNED-path)'":
    post:
      summary: Shell injection through a sample
      parameters:
        - { name: id, in: path, required: true, schema: { type: string }, example: "x'; touch PWNED-path-value; echo '" }
        - { name: q, in: query, required: true, schema: { type: string }, example: "a'$(touch PWNED-query)'&b=\`touch PWNED-tick\`" }
        - { name: "X-Note'$(touch PWNED-header-name)'", in: header, required: true, schema: { type: string }, example: "n'; touch PWNED-header; echo '" }
      requestBody:
        content:
          application/json:
            example: { note: "'$(touch PWNED-body)'" }
      responses:
        '204': { description: Done. }
components:
  schemas:
    "${injectedName}":
      type: object
      properties:
        '${injected}': { type: string, description: '<script>window.__pwned=1</script>Text.' }
        deep: { $ref: '#/components/schemas/Deep' }
    Deep: ${'{ type: object, properties: { a: '.repeat(120)}{ type: string }${' } }'.repeat(120)}
  securitySchemes:
    '${injectedName}': { type: apiKey, in: header, name: '${injected}' }
`;

/** 100 components, each with 300 properties and each property an object referencing another. */
function wideDocument(): string {
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < 100; index += 1) {
    schemas[`S${String(index)}`] = {
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: 300 }, (_, property) => [
          `p${String(property)}`,
          { allOf: [{ $ref: `#/components/schemas/S${String((index + 1) % 100)}` }] },
        ]),
      ),
    };
  }
  const paths = Object.fromEntries(
    Array.from({ length: 40 }, (_, index) => [
      `/wide/${String(index)}`,
      {
        post: {
          requestBody: {
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/S${String(index)}` } },
            },
          },
          responses: { '200': { description: 'OK' } },
        },
      },
    ]),
  );
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Wide', version: '1.0.0' },
    paths,
    components: { schemas },
  });
}

/** An operation whose example body is 400 KB: samples and "try it" must not copy it six times. */
function bulkyDocument(): string {
  const rows = Array.from({ length: 4_000 }, (_, index) => ({
    id: index,
    label: `Ligne ${String(index)} `.repeat(8),
  }));
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Bulky', version: '1.0.0' },
    paths: {
      '/imports': {
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['rows'],
                  properties: {
                    rows: {
                      type: 'array',
                      items: { type: 'object', properties: { id: { type: 'integer' } } },
                    },
                  },
                },
                example: { rows },
              },
            },
          },
          responses: { '204': { description: 'Imported.' } },
        },
      },
    },
  });
}

let repo: HostileRepo;
let pages: { path: string; html: string }[] = [];

before(async () => {
  repo = await createHostileRepo({
    'apis/hostile/openapi.yaml': hostileDocument,
    'apis/wide/openapi.json': wideDocument(),
    'apis/bulky/openapi.json': bulkyDocument(),
  });
  const outDir = join(repo.root, 'dist');
  await promisify(execFile)(
    process.execPath,
    ['scripts/build-portal.ts', '--out', outDir, '--snapshot', join(repo.root, 'catalog.json')],
    { env: { ...process.env, APIS_DIR: repo.apisDir, ASTRO_TELEMETRY_DISABLED: '1' } },
  );
  const files = (await readdir(join(outDir, 'apis'), { recursive: true })).filter((file) =>
    file.endsWith('.html'),
  );
  pages = await Promise.all(
    files.map(async (file) => ({
      path: file,
      html: await readFile(join(outDir, 'apis', file), 'utf8'),
    })),
  );
});

after(async () => {
  if (process.env.KEEP_REPO) return;
  await repo.remove();
});

/** The text around the first match of `pattern`, so a failure shows where, not the whole page. */
function findMatch(html: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(html);
  return match ? html.slice(Math.max(0, match.index - 80), match.index + 80) : undefined;
}

function pagesOf(apiId: string): { path: string; html: string }[] {
  const found = pages.filter((page) => page.path.startsWith(`${apiId}/`));
  assert.ok(found.length > 0, `no page built for ${apiId}`);
  return found;
}

describe('request samples built from owners’ paths, names and examples', () => {
  test('a curl sample run by the shell runs curl and nothing else', async () => {
    const samples: string[] = [];
    for (const { html } of pagesOf('hostile')) {
      visit(fromHtml(html), 'element', (element: Element) => {
        if (
          element.tagName === 'code' &&
          String(element.properties.id).startsWith('sample-curl-')
        ) {
          samples.push(toText(element));
        }
      });
    }
    assert.equal(samples.length, 2, 'one curl sample per operation');
    const sandbox = await mkdtemp(join(tmpdir(), 'guichet-shell-'));
    const printed: string[] = [];
    try {
      for (const command of samples) {
        // `curl` stands in as a shell function: the shell parses the sample exactly as a
        // partner's would, and nothing is sent.
        const { stdout } = await promisify(execFile)(
          'bash',
          ['-c', `curl() { printf '%s\\n' "$@"; }\n${command}`],
          { cwd: sandbox },
        );
        printed.push(stdout);
      }
      // The payloads reached curl as text, inside its arguments.
      assert.ok(printed.some((out) => out.includes("n'; touch PWNED-header; echo '")));
      assert.deepEqual(await readdir(sandbox), [], 'no file was created by an injected command');
    } finally {
      await rm(sandbox, { recursive: true, force: true });
    }
  });
});

describe('the "try it" forms built from owners’ names, paths and examples', () => {
  test('a parameter name that is HTML is a field’s data and label text, never markup', () => {
    const names: string[] = [];
    const labels: string[] = [];
    for (const { html } of pagesOf('hostile')) {
      visit(fromHtml(html), 'element', (element: Element) => {
        if (element.tagName === 'input' && element.properties.dataName !== undefined)
          names.push(String(element.properties.dataName));
        if (element.tagName === 'label' && String(element.properties.htmlFor).startsWith('try-'))
          labels.push(toText(element));
      });
    }
    assert.ok(names.includes('id"><svg onload="window.__pwned=1">'), names.join(' | '));
    assert.ok(labels.some((label) => label.includes('id"><svg onload="window.__pwned=1">')));
  });

  test('a 400 KB example is not copied into every sample and form', () => {
    const [page] = pagesOf('bulky');
    assert.ok(page);
    const copies: number[] = [];
    visit(fromHtml(page.html), 'element', (element: Element) => {
      const isSample =
        element.tagName === 'code' && String(element.properties.id).startsWith('sample-');
      if (isSample || element.tagName === 'textarea') copies.push(toText(element).length);
    });
    assert.equal(copies.length, 6, 'five samples and one body editor');
    for (const length of copies) assert.ok(length < 25_000, `${String(length)} characters`);
  });
});

describe('owners’ names, values and examples on the reference pages', () => {
  test('no script, event handler or owner markup survives on any page', () => {
    for (const { path, html } of pagesOf('hostile')) {
      visit(fromHtml(html), 'element', (element: Element) => {
        const handlers = Object.keys(element.properties).filter((name) => /^on/i.test(name));
        assert.deepEqual(handlers, [], `${path}: <${element.tagName}> with ${handlers.join(', ')}`);
        assert.ok(
          !['img', 'svg', 'iframe', 'object'].includes(element.tagName),
          `${path}: <${element.tagName}>`,
        );
        if (element.tagName === 'script') {
          assert.ok(!toText(element).includes('__pwned'), `${path}: an owner's script`);
        }
        if (element.tagName === 'b') assert.fail(`${path}: an owner's <b> became markup`);
      });
    }
  });

  test('property, parameter, header, schema and scheme names that are HTML are shown as text', () => {
    const html = pagesOf('hostile')
      .map((page) => page.html)
      .join('');
    const escaped = '&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;';
    assert.ok(html.includes(`<code class="schema-name">${escaped}</code>`), 'property name');
    assert.ok(html.includes('<code>&lt;img src=x onerror=window.__pwned=1&gt;</code>'), 'schema');
    assert.ok(html.includes('id&quot;&gt;&lt;svg onload='), 'parameter name');
    assert.ok(html.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'), 'example value');
  });

  test('an example’s externalValue and $ref are text, never a link or a load', () => {
    for (const { path, html } of pagesOf('hostile')) {
      assert.equal(findMatch(html, /(?:href|src)="http:\/\/attacker\.invalid/), undefined, path);
    }
    const html = pagesOf('hostile')
      .map((page) => page.html)
      .join('');
    assert.ok(html.includes('<code>http://attacker.invalid/example.json</code>'));
  });

  test('a schema nested 120 levels deep is cut at the depth bound', () => {
    const html = pagesOf('hostile')
      .map((page) => page.html)
      .join('');
    // Worded in the portal's language: French by default, English when it is configured.
    assert.match(html, /nested too deep to show here|trop imbriqué pour être montré ici/);
  });

  test('components that reference each other at every property stay a page of bounded size', () => {
    for (const { path, html } of pagesOf('wide')) {
      const gzip = gzipSync(html).length;
      assert.ok(gzip < 256 * 1024, `${path}: ${String(gzip)} bytes gzipped`);
    }
  });
});

describe('the search words of owners’ paths and summaries', () => {
  test('hold letters, digits and underscores only, whatever the path or summary', () => {
    const words: string[] = [];
    for (const { html } of pagesOf('hostile')) {
      visit(fromHtml(html), 'element', (node: Element) => {
        for (const name of ['dataSearchPath', 'dataSearchSummary']) {
          const value = node.properties[name];
          if (typeof value === 'string') words.push(value);
        }
      });
    }
    assert.ok(words.includes('apipath_shell_id_touch_pwned_path_'), words.join(' '));
    for (const word of words) assert.match(word, /^api(?:path|summary)[\p{L}\p{N}_]*$/u);
  });
});
