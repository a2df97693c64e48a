import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Axe's tags of the WCAG 2.1 A and AA rules: the RGAA's level, what the page matrix holds to. */
export const wcag21aaTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Axe's tags by default: WCAG 2.1/2.2 A and AA, and best practices. */
const defaultTags = [...wcag21aaTags, 'wcag22aa', 'best-practice'];

/** Axe's findings on the page (WCAG 2.1/2.2 A and AA, best practices by default), one line each. */
export async function findViolations(
  page: Page,
  options: { exclude?: string; disableRules?: string[]; tags?: string[] } = {},
): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(options.tags ?? defaultTags);
  if (options.exclude) builder = builder.exclude(options.exclude);
  if (options.disableRules) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${String(violation.nodes.length)} element(s): ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}
