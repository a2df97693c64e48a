import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Axe's findings on the page (WCAG 2.1/2.2 A and AA, best practices), one line each. */
export async function findViolations(
  page: Page,
  options: { exclude?: string; disableRules?: string[] } = {},
): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    'best-practice',
  ]);
  if (options.exclude) builder = builder.exclude(options.exclude);
  if (options.disableRules) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${String(violation.nodes.length)} element(s)`,
  );
}
