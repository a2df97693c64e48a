import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadCatalog, type Catalog, type CatalogApi } from '../../../catalog/index.ts';

const apisDir = 'test/fixtures/catalog/valid';

function findApi(catalog: Catalog, id: string): CatalogApi {
  const api = catalog.apis.find((candidate) => candidate.id === id);
  assert.ok(api, `${id} is in the catalog`);
  return api;
}

function collectRefs(value: unknown, found: string[] = []): string[] {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else collectRefs(child, found);
    }
  }
  return found;
}

describe('a valid apis/ folder becomes the catalog', () => {
  let catalog: Catalog;
  before(async () => {
    const result = await loadCatalog({ apisDir, audience: 'internal' });
    assert.deepEqual(result.problems, []);
    assert.equal(result.failed, false);
    catalog = result.catalog;
  });

  test('every folder is an API, sorted by title', () => {
    assert.deepEqual(
      catalog.apis.map((api) => api.id),
      [
        'appointments',
        'company-registry',
        'grants-notifications',
        'hidden-partners',
        'crlf-reference',
        'no-metadata',
        'rich-text',
        'tax',
      ],
    );
  });

  test('versions of one API are grouped, newest first, with lifecycle and sunset', () => {
    const tax = findApi(catalog, 'tax');
    assert.deepEqual(
      tax.versions.map(({ id, label, lifecycle, deprecatedSince, sunset }) => ({
        id,
        label,
        lifecycle,
        deprecatedSince,
        sunset,
      })),
      [
        {
          id: 'v2',
          label: '2.0.0',
          lifecycle: 'stable',
          deprecatedSince: undefined,
          sunset: undefined,
        },
        {
          id: 'v1',
          label: '1.0.0',
          lifecycle: 'deprecated',
          deprecatedSince: '2026-01-01',
          sunset: '2027-06-30',
        },
      ],
    );
    assert.equal(tax.currentVersionId, 'v2');
    assert.deepEqual(tax.versions[0]?.servers, ['https://api.example.org/tax/v2']);
    assert.deepEqual(tax.support, { url: 'https://support.example.org/tax' });
  });

  test('without api.yaml, metadata comes from the document info', () => {
    const holidays = findApi(catalog, 'crlf-reference');
    assert.equal(holidays.title, 'Jours fériés');
    assert.equal(holidays.summary, 'Liste des jours fériés en France métropolitaine.');
    assert.deepEqual(holidays.owner, {
      team: 'Équipe référentiels',
      email: 'referentiels@example.org',
      reviewers: [],
    });
    assert.deepEqual(holidays.support, { email: 'referentiels@example.org' });
    assert.equal(holidays.visibility, 'public');
    assert.equal(holidays.lifecycle, 'stable');
    assert.equal(holidays.versions[0]?.id, '2026');
    assert.equal(
      holidays.versions[0].operations[0]?.summary,
      'Lister les jours fériés d’une année',
    );
  });

  test('Swagger 2.0, in JSON or in YAML with an unquoted version, is read', () => {
    const registry = findApi(catalog, 'company-registry');
    assert.equal(registry.versions[0]?.format, 'swagger-2.0');
    assert.deepEqual(registry.versions[0].servers, ['https://api.example.org/registry/v3']);
    assert.deepEqual(registry.owner.reviewers, ['@example/registry']);
    const postal = findApi(catalog, 'no-metadata');
    assert.equal(postal.versions[0]?.format, 'swagger-2.0');
    assert.equal(postal.versions[0].entryFile, 'registry-lookup.yaml');
  });

  test('a document split across files is bundled with no reference left to another file', () => {
    const appointments = findApi(catalog, 'appointments');
    const version = appointments.versions[0];
    assert.ok(version);
    assert.deepEqual(version.files, [
      'openapi.yaml',
      'schemas/appointment.yaml',
      'paths/slots.yaml',
    ]);
    const refs = collectRefs(version.document);
    assert.ok(refs.length > 0, 'shared schemas stay shared');
    assert.ok(
      refs.every((ref) => ref.startsWith('#/')),
      `local references only: ${refs.join(', ')}`,
    );
    assert.deepEqual(
      version.operations.map((operation) => `${operation.method} ${operation.path}`),
      ['GET /slots', 'POST /appointments'],
    );
    assert.equal(appointments.plans.find((plan) => plan.name === 'free')?.requestsPerMinute, 50);
    assert.equal(
      appointments.plans.find((plan) => plan.name === 'premium')?.requestsPerMinute,
      1000,
    );
  });

  test('webhook-only OpenAPI 3.1 documents list their webhooks', () => {
    const grants = findApi(catalog, 'grants-notifications');
    assert.deepEqual(
      grants.versions[0]?.operations.map(({ kind, method, path, anchor }) => ({
        kind,
        method,
        path,
        anchor,
      })),
      [
        {
          kind: 'webhook',
          method: 'POST',
          path: 'grantStatusChanged',
          anchor: 'webhook-post-grantstatuschanged',
        },
      ],
    );
  });

  test('operations get stable anchors and fall back to method and path for a summary', () => {
    const postal = findApi(catalog, 'no-metadata');
    assert.deepEqual(
      postal.versions[0]?.operations.map(({ anchor, summary }) => ({ anchor, summary })),
      [{ anchor: 'get-codes-code', summary: 'Get a postal code' }],
    );
    const tax = findApi(catalog, 'tax');
    assert.deepEqual(
      tax.versions[0]?.operations.map((operation) => operation.anchor),
      ['get-declarations', 'post-declarations'],
    );
  });

  test('descriptions from pull requests cannot run script', () => {
    const rich = findApi(catalog, 'rich-text');
    const html = rich.descriptionHtml + (rich.versions[0]?.operations[0]?.descriptionHtml ?? '');
    assert.match(html, /<strong>pull requests<\/strong>/);
    assert.match(html, /<table>/);
    for (const forbidden of [
      /<script/i,
      /onerror/i,
      /onclick/i,
      /javascript:/i,
      /<iframe/i,
      /<img[^>]+https:/i,
    ]) {
      assert.doesNotMatch(html, forbidden);
    }
    assert.match(
      html,
      /<a href="https:\/\/tracker\.example\.com\/pixel\.png" rel="noopener noreferrer">pixel<\/a>/,
    );
  });

  test('guides are ordered by file name and titled from front matter or heading', () => {
    const tax = findApi(catalog, 'tax');
    assert.deepEqual(
      tax.guides.map(({ slug, title, file }) => ({ slug, title, file })),
      [
        { slug: 'quick-start', title: 'Quick start', file: 'guides/01-quick-start.md' },
        { slug: 'errors', title: 'Handling errors', file: 'guides/02-errors.md' },
      ],
    );
    assert.doesNotMatch(tax.guides[1]?.html ?? '', /<h1/);
  });
});

describe('restricted APIs stay out of catalogs built for a wider audience', () => {
  test('a public catalog leaves out partner APIs; partner and internal catalogs keep them', async () => {
    const ids = async (audience: 'public' | 'partners' | 'internal'): Promise<boolean> => {
      const { catalog } = await loadCatalog({ apisDir, audience });
      assert.equal(catalog.audience, audience);
      return catalog.apis.some((api) => api.id === 'hidden-partners');
    };
    assert.equal(await ids('public'), false);
    assert.equal(await ids('partners'), true);
    assert.equal(await ids('internal'), true);
  });
});
