import type { KeyView } from '../keys/key-views.ts';

/**
 * One line a subscription: `prefix  key id  consumer  application  email  api  plan  state
 * subscription  client  scopes`,
 * aligned. The consumer's id tells apart consumers that share a name and an email (each
 * trial-key request makes its own).
 */
export function formatKeyTable(keys: readonly KeyView[]): string {
  if (keys.length === 0) return 'No keys yet: issue one with `npm run keys -- create`.';
  const rows = [
    [
      'KEY',
      'KEY ID',
      'CONSUMER',
      'APPLICATION',
      'EMAIL',
      'API',
      'PLAN',
      'STATE',
      'SUBSCRIPTION',
      'CLIENT',
      'SCOPES',
    ],
  ];
  for (const key of keys) {
    for (const item of key.subscriptions) {
      rows.push([
        key.prefix,
        key.keyId,
        key.consumer.id,
        key.consumer.application,
        key.consumer.email ?? '-',
        item.api,
        item.plan,
        item.expiresAt === null
          ? item.state
          : `${item.state} (ends ${item.expiresAt.slice(0, 10)})`,
        item.id,
        key.clientId === null
          ? '-'
          : `${key.clientId}${key.clientStatus === 'revoked' ? ' (revoked)' : ''}`,
        toScopeCell(item.scopes, item.requestedScopes),
      ]);
    }
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A key and its subscriptions after a change. */
export function formatKeyView(key: KeyView): string {
  const lines = [
    `Key ${key.prefix} (${key.keyId}) of "${key.consumer.application}"${key.clientId === null ? '' : `, client ${key.clientId}`}:`,
  ];
  for (const item of key.subscriptions) {
    lines.push(
      `  ${item.api}: ${item.state}, plan ${item.plan}, scopes ${toScopeCell(item.scopes, item.requestedScopes)} (${item.id})`,
    );
  }
  return lines.join('\n');
}

/** `a b (+c awaiting approval)`, or `-` for an API without scopes. */
function toScopeCell(scopes: readonly string[], requested: readonly string[]): string {
  const granted = scopes.length === 0 ? '-' : scopes.join(' ');
  return requested.length === 0
    ? granted
    : `${granted} (+${requested.join(' ')} awaiting approval)`;
}
