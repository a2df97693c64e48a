import type { Lifecycle, PlanName, Visibility } from '../../catalog/index.ts';
import { toReadableDate, toReadableNumber } from '../lib/present.ts';
import type { GroupPage, ReferenceGroup } from '../lib/reference/plan-pages.ts';
import { messages } from './messages.ts';

/** Dates, numbers and counts in the interface's language (`Intl` with its locale). */

/** `2026-12-31` → `31 décembre 2026`. */
export function formatDate(isoDate: string): string {
  return toReadableDate(isoDate, messages.locale);
}

/** `1000` → `1 000`. */
export function formatNumber(value: number): string {
  return toReadableNumber(value, messages.locale);
}

/** `3 opérations`, `1 opération`. */
export function formatCount(
  count: number,
  noun: keyof Omit<typeof messages.counts, 'and'>,
): string {
  const [singular, plural] = messages.counts[noun];
  return `${formatNumber(count)} ${(count === 1 ? singular : plural) ?? ''}`;
}

/** What a version offers: operations, webhooks, or both (never "0 operations"). */
export function formatOperations(operations: readonly { kind: 'operation' | 'webhook' }[]): string {
  const calls = operations.filter((operation) => operation.kind === 'operation').length;
  const webhooks = operations.length - calls;
  if (webhooks === 0) return formatCount(calls, 'operation');
  if (calls === 0) return formatCount(webhooks, 'webhook');
  return `${formatCount(calls, 'operation')} ${messages.counts.and} ${formatCount(webhooks, 'webhook')}`;
}

/**
 * A group of the reference as the page names it: a tag by its own name, the operations without
 * a tag and the webhooks in the page's language (the plan of pages holds no interface words).
 */
export function formatGroupName(group: Pick<ReferenceGroup, 'kind' | 'name'>): string {
  if (group.kind === 'untagged') return messages.reference.otherOperations;
  if (group.kind === 'webhooks') return messages.api.webhooks;
  return group.name;
}

/** A split version's page title: its group, and which part of it when the group is cut. */
export function formatPageTitle(page: Pick<GroupPage, 'group' | 'part'>): string {
  const name = formatGroupName(page.group);
  return page.part ? messages.reference.part(name, page.part.index, page.part.count) : name;
}

/** A lifecycle's badge text and meaning. */
export function toLifecycleText(lifecycle: Lifecycle): { label: string; meaning: string } {
  return messages.lifecycle[lifecycle];
}

/** A visibility's label. */
export function toVisibilityText(visibility: Visibility): string {
  return messages.visibility[visibility];
}

/** A plan's label and meaning. */
export function toPlanText(plan: PlanName): { label: string; meaning: string } {
  return messages.plans[plan];
}
