import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadCatalog, type Catalog, type CatalogApi } from '../../../catalog/index.ts';
import { problemTypeList } from '../../../catalog/sandbox-problems.ts';
import { en } from '../../../site/i18n/en.ts';
import { toProblemExample, toProblemExampleText } from '../../../site/lib/problem-examples.ts';
import {
  groupProblemsByStatus,
  toProblemAdvice,
  toStatusLabel,
} from '../../../site/lib/problem-pages.ts';
import {
  pickSampleRequest,
  toCurlCommand,
  toSampleRequest,
  type SampleRequest,
} from '../../../site/lib/sample-request.ts';
import { pickVersionSandbox, toStubTrigger } from '../../../site/lib/sandbox-stubs-view.ts';

describe('the sandbox section of an API page', () => {
  let fixtures: Catalog;
  let samples: Catalog;
  const find = (catalog: Catalog, id: string): CatalogApi => {
    const api = catalog.apis.find((entry) => entry.id === id);
    assert.ok(api, id);
    return api;
  };
  const sampleOf = (api: CatalogApi): SampleRequest => {
    const version = api.versions.find((entry) => entry.id === api.currentVersionId);
    const sample = version && pickSampleRequest(version);
    assert.ok(sample, api.id);
    return sample;
  };
  before(async () => {
    fixtures = (await loadCatalog({ apisDir: 'test/e2e/fixtures/apis', audience: 'internal' }))
      .catalog;
    samples = (await loadCatalog({ apisDir: 'apis', audience: 'internal' })).catalog;
  });

  test('picks a GET whose parameters have examples, and writes its curl command', () => {
    const sample = sampleOf(find(fixtures, 'tax-declarations'));
    assert.equal(sample.target, '/declarations?siren=732829320');
    assert.equal(
      toCurlCommand('http://127.0.0.1:8000/tax-declarations/v2', sample, 'X-Api-Key'),
      "curl -i 'http://127.0.0.1:8000/tax-declarations/v2/declarations?siren=732829320' \\\n  -H 'X-Api-Key: YOUR_KEY'",
    );
  });

  test('leaves a parameter without example as a placeholder curl will not expand', () => {
    const registry = find(fixtures, 'company-registry');
    const version = registry.versions[0];
    const search = version?.operations.find(
      (operation) => operation.operationId === 'searchCompanies',
    );
    assert.ok(version && search);
    const sample = toSampleRequest(version, search);
    assert.equal(sample.complete, false);
    assert.match(sample.target, /\{(siren|name)\}/);
    assert.match(toCurlCommand('http://x', sample, 'X-Api-Key'), /^curl -i --globoff /);
  });

  test('fills every sample API’s command, Swagger 2 included', () => {
    for (const api of samples.apis) {
      const sample = sampleOf(api);
      assert.doesNotMatch(sample.target, /\{/, `${api.id}: ${sample.target}`);
    }
  });

  test('lists the stubs of the version shown and the request that triggers each', () => {
    const api = find(samples, 'repertoire-entreprises');
    const { examples, stubs } = pickVersionSandbox(api.sandbox, api.currentVersionId);
    assert.ok(examples.some((example) => example.name === 'entreprise-cessee'));
    const triggers = stubs.map((stub) => toStubTrigger(stub).requestLine);
    assert.ok(triggers.includes('GET /entreprises/000000000'));
    assert.ok(triggers.includes('GET /entreprises/318456787'), triggers.join(', '));

    const tax = find(samples, 'declarations-fiscales');
    const zero = pickVersionSandbox(tax.sandbox, 'v2').stubs.find((s) => s.name === 'montant-nul');
    assert.ok(zero);
    assert.deepEqual(toStubTrigger(zero), {
      requestLine: 'POST /declarations',
      headers: [],
      body: '{"montant":0}',
      anyValue: false,
    });
    assert.deepEqual(pickVersionSandbox(undefined, 'v1'), { examples: [], stubs: [] });
  });
});

describe('the problem type pages', () => {
  test('group every type by status, statuses ascending', () => {
    const groups = groupProblemsByStatus(problemTypeList);
    assert.equal(
      groups.reduce((count, group) => count + group.problems.length, 0),
      problemTypeList.length,
    );
    const statuses = groups.map((group) => group.status);
    assert.deepEqual(
      statuses,
      [...statuses].sort((a, b) => a - b),
    );
    assert.equal(toStatusLabel(429), '429 Too Many Requests');
    assert.equal(toStatusLabel(499), '499');
  });

  test('say, for every type, when it happens and what to do', () => {
    for (const problem of problemTypeList) {
      assert.ok(toStatusLabel(problem.status).includes(' '), `${problem.slug}: reason phrase`);
      const advice = toProblemAdvice(problem, 'en', en.problems);
      assert.ok(advice.cause.length > 10, problem.slug);
      assert.ok(advice.remedy.length > 10, problem.slug);
      assert.ok(problem.description.en.startsWith(advice.cause), problem.slug);
    }
    assert.deepEqual(
      toProblemAdvice(
        { status: 400, description: { en: 'Sent as HTTP/1.1. Check the client.', fr: '' } },
        'en',
        en.problems,
      ),
      { cause: 'Sent as HTTP/1.1.', remedy: 'Check the client.' },
    );
  });

  test('show an example body of the type, as the sandbox writes it', () => {
    for (const problem of problemTypeList) {
      const { body } = toProblemExample(problem, 'en', en.problems);
      assert.equal(body.type, `/problems/${problem.slug}`);
      assert.equal(body.title, problem.title.en);
      assert.equal(body.status, problem.status);
      assert.equal(typeof body.detail, 'string');
    }
    const quota = problemTypeList.find((problem) => problem.slug === 'quota-exceeded');
    assert.ok(quota);
    assert.match(
      toProblemExampleText(quota, '429 Too Many Requests', 'en', en.problems),
      /^HTTP\/1\.1 429 Too Many Requests\nContent-Type: application\/problem\+json\nContent-Language: en\nRetry-After: 17\n/,
    );
  });
});
