import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { describeVersion, loadCatalog, type Catalog } from '../../../catalog/index.ts';
import { listOperations } from '../../../catalog/openapi/list-operations.ts';
import { listFilterOptions } from '../../../site/lib/catalog-filters.ts';
import { toCatalogJson } from '../../../site/lib/catalog-json.ts';
import { pickFeaturedApis, toCatalogStats } from '../../../site/lib/catalog-stats.ts';
import { planPages } from '../../../site/lib/reference/plan-pages.ts';

const fixtures = 'test/e2e/fixtures/apis';

describe('what the pages make of the catalog', () => {
  let publicCatalog: Catalog;
  let internalCatalog: Catalog;
  before(async () => {
    publicCatalog = (await loadCatalog({ apisDir: fixtures, audience: 'public' })).catalog;
    internalCatalog = (await loadCatalog({ apisDir: fixtures, audience: 'internal' })).catalog;
  });

  test('catalog.json lists every version with its URLs, sandbox and plans', () => {
    const json = toCatalogJson(publicCatalog, '/preview/x/', 'http://127.0.0.1:8000');
    assert.equal(json.formatVersion, 1);
    assert.equal(json.audience, 'public');
    assert.equal(json.base, '/preview/x/');
    assert.deepEqual(
      json.versions.map((entry) => `${entry.id}/${entry.version}`),
      [
        'appointments/v1',
        'company-registry/v1',
        'tax-declarations/v2',
        'tax-declarations/v1',
        'grant-notifications/v0',
      ],
    );
    const v1 = json.versions.find(
      (entry) => entry.id === 'tax-declarations' && entry.version === 'v1',
    );
    assert.deepEqual(v1, {
      id: 'tax-declarations',
      version: 'v1',
      versionLabel: '1.4.0',
      current: false,
      title: 'Déclarations fiscales des entreprises',
      summary: "Déposer et suivre les déclarations fiscales d'une entreprise.",
      owner: { team: 'Direction des services fiscaux', email: 'api-fiscalite@exemple.gouv.fr' },
      lifecycle: 'deprecated',
      deprecatedSince: '2026-01-15',
      sunset: '2026-12-31',
      visibility: 'public',
      tags: ['fiscalite', 'entreprises'],
      pageUrl: '/preview/x/apis/tax-declarations/v1/',
      referenceUrl: '/preview/x/apis/tax-declarations/v1/reference/',
      documents: {
        bundled: '/preview/x/apis/tax-declarations/v1/openapi.json',
        original: '/preview/x/apis/tax-declarations/v1/source/v1/openapi.yaml',
        files: ['/preview/x/apis/tax-declarations/v1/source/v1/openapi.yaml'],
      },
      sandboxUrl: 'http://127.0.0.1:8000/tax-declarations/v1',
      operationCount: 1,
      webhookCount: 0,
      plans: [
        { name: 'free', requestsPerMinute: 50 },
        { name: 'premium', requestsPerMinute: 1000 },
        { name: 'internal', requestsPerMinute: 5000 },
      ],
    });
    const current = json.versions.find((entry) => entry.id === 'tax-declarations' && entry.current);
    assert.equal(current?.pageUrl, '/preview/x/apis/tax-declarations/');
  });

  test('catalog.json of a public portal leaves restricted APIs out', () => {
    const ids = (catalog: Catalog): string[] =>
      toCatalogJson(catalog, '/', 'http://127.0.0.1:8000').versions.map((entry) => entry.id);
    assert.equal(ids(publicCatalog).includes('staff-directory'), false);
    assert.equal(ids(internalCatalog).includes('staff-directory'), true);
  });

  test('filters offer only the values the catalog holds', () => {
    const options = listFilterOptions(publicCatalog);
    assert.deepEqual(
      options.tag.map((option) => `${option.value}:${String(option.count)}`),
      ['entreprises:2', 'fiscalite:1', 'social:1'],
    );
    assert.deepEqual(
      options.lifecycle.map((option) => option.value),
      ['beta', 'stable'],
    );
    assert.deepEqual(
      listFilterOptions(internalCatalog).visibility.map((option) => option.value),
      ['public', 'partners'],
    );
  });

  test('operations are grouped by first tag, untagged last, webhooks apart', () => {
    const tax = publicCatalog.apis.find((api) => api.id === 'tax-declarations');
    const v2 = tax?.versions.find((version) => version.id === 'v2');
    assert.ok(v2);
    const plan = planPages(v2, describeVersion(v2));
    assert.deepEqual(
      plan.groups.map((group) => [group.name, group.anchor, group.entries.length]),
      [
        ['declarations', 'tag-declarations', 3],
        ['referentiel', 'tag-referentiel', 1],
      ],
    );
    assert.equal(plan.split, false);
    const grants = publicCatalog.apis.find((api) => api.id === 'grant-notifications');
    const grantsVersion = grants?.versions[0];
    assert.ok(grantsVersion);
    const grantsPlan = planPages(grantsVersion, describeVersion(grantsVersion));
    assert.deepEqual(
      grantsPlan.webhooks.map((entry) => entry.operation.anchor),
      ['webhook-post-applicationstatuschanged'],
    );
    assert.deepEqual(
      grantsPlan.groups.flatMap((group) => group.entries.map((entry) => entry.operation.kind)),
      ['operation'],
    );
  });

  test('an untagged operation lands in a last group whose anchor never collides', () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      tags: [{ name: 'other' }],
      paths: {
        '/a': { get: { responses: {} } },
        '/b': { get: { tags: ['other'], responses: {} } },
      },
    };
    const operations = listOperations(document);
    const plan = planPages(
      { operations },
      describeVersion({ document, format: 'openapi-3.0', operations }),
    );
    assert.deepEqual(
      plan.groups.map((group) => [group.name, group.anchor]),
      [
        ['other', 'tag-other-2'],
        ['Other operations', 'tag-other'],
      ],
    );
  });

  test('the home page counts current versions and puts usable APIs first', () => {
    assert.deepEqual(toCatalogStats(publicCatalog), {
      apis: 4,
      versions: 5,
      operations: 8,
      owners: 4,
    });
    assert.deepEqual(
      pickFeaturedApis(publicCatalog, 2).map((api) => api.id),
      ['tax-declarations', 'appointments'],
    );
  });
});
