import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeVersion, loadCatalog } from '../../../catalog/index.ts';
import { partBudget, planPages } from '../../../site/lib/reference/plan-pages.ts';

describe('the pages of a split API', () => {
  test('a tag too large for a phone is cut in parts that each stay within the part budget', async () => {
    const { catalog } = await loadCatalog({
      apisDir: 'test/e2e/fixtures/apis',
      audience: 'internal',
    });
    const version = catalog.apis.find((api) => api.id === 'collectivites')?.versions[0];
    assert.ok(version);
    const reference = describeVersion(version);
    const plan = planPages(version, reference);
    assert.equal(plan.split, true);
    const departements = plan.pages.filter((page) => page.group.name === 'Départements');
    assert.ok(departements.length > 1, 'Départements is cut in parts');
    assert.deepEqual(
      departements.map((page) => [page.slug, page.part]),
      departements.map((_, index) => [
        index === 0 ? 'departements' : `departements-${String(index + 1)}`,
        { index: index + 1, count: departements.length },
      ]),
    );
    // Every operation of the tag is on one of its parts, in document order.
    assert.deepEqual(
      departements.flatMap((page) => page.group.entries.map((entry) => entry.operation.anchor)),
      version.operations
        .filter((operation) => operation.tags[0] === 'Départements')
        .map((operation) => operation.anchor),
    );
    for (const page of plan.pages) {
      const weight = page.group.entries.reduce(
        (sum, entry) =>
          sum + JSON.stringify(entry.details).length + entry.operation.descriptionHtml.length,
        0,
      );
      assert.ok(
        page.group.entries.length === 1 || weight <= partBudget,
        `${page.slug}: ${String(weight)} characters of data`,
      );
    }
  });
});
