/** How the search compares text, shared by the ranking, the index's words and the bench. */

/**
 * Text as the ranking compares it: lower case, accents off ("réservé" is "reserve"), one kind of
 * apostrophe, single spaces. A partner typing without accents matches an accented summary.
 */
export function toSearchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
