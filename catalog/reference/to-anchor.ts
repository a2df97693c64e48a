/**
 * Anchors partners read in the address bar and search results land on: letters keep their base
 * letter (`Départements` → `departements`, not `d-partements`), anything else becomes a dash.
 */

/** Letters NFKD leaves whole, spelled as French and German readers would. */
const spelledLetters: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o' };

/** `Jours fériés` → `jours-feries`; empty when nothing readable is left. */
export function toSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[œæßø]/g, (letter) => spelledLetters[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Hands out anchors unique within one page, suffixing `-2`, `-3`… on collisions. */
export interface AnchorSet {
  /** A unique anchor for `text` after `prefix` (`tag-`), `fallback` when the slug is empty. */
  take(prefix: string, text: string, fallback: string): string;
}

/** Creates an anchor set, `taken` being anchors already on the page. */
export function createAnchorSet(taken: Iterable<string> = []): AnchorSet {
  const used = new Set(taken);
  return {
    take(prefix, text, fallback) {
      const base = `${prefix}${toSlug(text) || fallback}`;
      let anchor = base;
      for (let index = 2; used.has(anchor); index += 1) anchor = `${base}-${String(index)}`;
      used.add(anchor);
      return anchor;
    },
  };
}
