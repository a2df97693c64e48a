/**
 * Names of guichet's keys and channels in Redis: `<prefix><kind>:<escaped subject>`. The
 * prefix is one word and a colon (`redis-url.ts`), the kind a constant, and the subject (a
 * subscription id, an API id and a hashed address) is escaped so that it holds no colon: two
 * different subjects always give two different keys, whatever characters an id brings, and
 * no subject of one sandbox can name a key of another prefix. Redis takes keys as
 * length-prefixed arguments, never parsed as commands, so there is nothing to inject; the
 * escaping is about collisions alone.
 */

/** Characters kept as they are; every other UTF-16 unit becomes `%` and four hex digits. */
const plain = /^[A-Za-z0-9_.-]*$/;

/** The key counting `subject`'s calls over the quota window. */
export function toQuotaKey(prefix: string, subject: string): string {
  return `${prefix}quota:${escapeKeyPart(subject)}`;
}

/** The channel changes to what the gateways cache are announced on. */
export function toChangeChannel(prefix: string): string {
  return `${prefix}changes`;
}

/**
 * `a:b` → `a%003Ab`. One escape per UTF-16 code unit, lone surrogates included, and `%`
 * itself escaped: the mapping can be undone, hence never maps two subjects to one key. Ids
 * made by guichet (`sub_…`, base64url hashes) pass through unchanged, so the hot path only
 * pays a regular-expression test.
 */
export function escapeKeyPart(text: string): string {
  if (plain.test(text)) return text;
  let escaped = '';
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const char = text[index] ?? '';
    escaped += plain.test(char) ? char : `%${unit.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return escaped;
}
