import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createProseCache } from '../../../../catalog/markdown-twin/prose-cache.ts';
import {
  renderSchemaRoot as renderMarkdownRoot,
  type SchemaRendering as MarkdownRendering,
} from '../../../../catalog/markdown-twin/render-schema.ts';
import type { SchemaNode } from '../../../../catalog/reference/reference-model.ts';
import { en } from '../../../../site/i18n/en.ts';
import {
  renderSchemaRoot as renderHtmlRoot,
  type SchemaRendering as HtmlRendering,
} from '../../../../site/lib/reference/render-schema.ts';
import { describeYaml, operationOf } from './describe-document.ts';

// One document with the hard cases of a schema tree: a cycle, an allOf merge, a oneOf told
// apart by a discriminator, read-only and write-only properties, a map beside properties.
const reference = describeYaml(`openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /pets:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Pet' }
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
        '400':
          description: Bad
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Error' }
        '404':
          description: Missing
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Error' }
components:
  schemas:
    Base:
      type: object
      required: [id]
      properties:
        id: { type: string, readOnly: true }
    Cat:
      type: object
      properties:
        kind: { type: string }
        purrs: { type: boolean }
    Dog:
      type: object
      properties:
        kind: { type: string }
        barks: { type: boolean }
    Error:
      type: object
      properties:
        code: { type: integer, minimum: 400 }
    Pet:
      description: A pet.
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [name]
          properties:
            name: { type: string }
            password: { type: string, writeOnly: true }
            parent: { $ref: '#/components/schemas/Pet' }
            animal:
              oneOf:
                - $ref: '#/components/schemas/Cat'
                - $ref: '#/components/schemas/Dog'
              discriminator:
                propertyName: kind
                mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' }
            labels:
              type: object
              properties:
                main: { type: string }
              additionalProperties:
                type: object
                properties:
                  text: { type: string }
              oneOf:
                - { title: Short, type: object }
                - { title: Long, type: object }
`);

const components = new Map(reference.schemas.map((schema) => [schema.name, schema]));
const post = operationOf(reference, 'post-pets');
const requestSchema = post.requestBody?.contents[0]?.schema as SchemaNode;
const responseSchema = post.responses[0]?.contents[0]?.schema as SchemaNode;

const html = (node: SchemaNode, direction: HtmlRendering['direction']): string =>
  renderHtmlRoot(node, {
    components,
    schemaHref: (anchor) => `#${anchor}`,
    direction,
    labels: en.schemaTree,
  });
const markdown = (node: SchemaNode, direction: MarkdownRendering['direction']): string =>
  renderMarkdownRoot(node, { components, direction, prose: createProseCache() }).join('\n');

describe('the schema tree as HTML and as Markdown', () => {
  test('a body expands its component; a cycle is a link, never expanded again', () => {
    const page = html(requestSchema, 'request');
    assert.match(page, /^<p class="schema-type"><a href="#schema-pet">Pet<\/a><\/p>/);
    assert.match(
      page,
      /<code class="schema-name">parent<\/code> <span class="schema-type"><a href="#schema-pet">Pet<\/a>/,
    );
    assert.equal(page.match(/schema-name">parent</g)?.length, 1);
    const twin = markdown(requestSchema, 'request');
    assert.match(twin, /^Type: `Pet`\n\n<p>A pet.<\/p>|^Type: `Pet`\n\nA pet\./);
    assert.match(twin, /- `parent` \(`Pet`\)/);
    assert.equal(twin.match(/`parent`/g)?.length, 1);
  });

  test('a request leaves read-only properties out, a response write-only ones', () => {
    const page = {
      request: html(requestSchema, 'request'),
      response: html(responseSchema, 'response'),
    };
    assert.ok(!page.request.includes('schema-name">id<'), 'a read-only id in a request');
    assert.ok(page.request.includes('schema-name">password<'));
    assert.ok(page.response.includes('schema-name">id<'));
    assert.ok(!page.response.includes('schema-name">password<'), 'a write-only password answered');
    const twin = {
      request: markdown(requestSchema, 'request'),
      response: markdown(responseSchema, 'response'),
    };
    assert.ok(!twin.request.includes('- `id`'), 'a read-only id in a request');
    assert.ok(twin.request.includes('- `password`'));
    assert.ok(twin.response.includes('- `id`'));
    assert.ok(!twin.response.includes('- `password`'), 'a write-only password answered');
  });

  test('allOf parents, required marks and the discriminator’s values are shown', () => {
    const page = html(responseSchema, 'response');
    assert.match(page, /Includes the properties of <a href="#schema-base">Base<\/a>\./);
    assert.match(
      page,
      /schema-name">name<\/code> <span class="schema-type">string<\/span> <span class="schema-required">required/,
    );
    assert.match(page, /Exactly one of, told apart by <code>kind<\/code>:/);
    assert.match(
      page,
      /<a href="#schema-cat">Cat<\/a><\/span> \(<code>kind<\/code> = <code>cat<\/code>\)/,
    );
    const twin = markdown(responseSchema, 'response');
    assert.match(twin, /includes `Base`/);
    assert.match(twin, /- `name` \(string, required\)/);
    assert.match(twin, /- Exactly one of \(told apart by `kind`\):/);
    assert.match(twin, /- `Cat` when `cat`: `Cat`/);
  });

  test('the page and the twin list a node’s parts in the same order: properties, variants, map values', () => {
    const page = html(responseSchema, 'response');
    const labels = page.slice(page.indexOf('schema-name">labels<'));
    const pageOrder = [
      labels.indexOf('schema-name">main<'),
      labels.indexOf('One or more of') === -1
        ? labels.indexOf('Exactly one of')
        : labels.indexOf('One or more of'),
      labels.indexOf('Each value:'),
    ];
    assert.deepEqual(
      [...pageOrder].sort((a, b) => a - b),
      pageOrder,
      page,
    );
    assert.ok(
      pageOrder.every((at) => at >= 0),
      labels,
    );
    const twin = markdown(responseSchema, 'response');
    const part = twin.slice(twin.indexOf('`labels`'));
    const twinOrder = [
      part.indexOf('`main`'),
      part.indexOf('Exactly one of'),
      part.indexOf('any other property'),
    ];
    assert.ok(
      twinOrder.every((at) => at >= 0),
      part,
    );
    assert.deepEqual(
      [...twinOrder].sort((a, b) => a - b),
      twinOrder,
      part,
    );
  });

  test('a component that answers several responses of a page is written the same each time', () => {
    const rendering: HtmlRendering = {
      components,
      schemaHref: (anchor) => `#${anchor}`,
      direction: 'response',
      labels: en.schemaTree,
    };
    const bad = post.responses[1]?.contents[0]?.schema as SchemaNode;
    const missing = post.responses[2]?.contents[0]?.schema as SchemaNode;
    const first = renderHtmlRoot(bad, rendering);
    assert.equal(renderHtmlRoot(missing, rendering), first);
    assert.match(first, /schema-name">code<\/code> <span class="schema-type">integer<\/span>/);
    assert.match(first, /<p class="schema-facts" data-pagefind-ignore>≥ 400<\/p>/);
  });
});
