/** Longest slug, as GitLab cuts `CI_COMMIT_REF_SLUG`: a DNS label's 63 characters. */
export const maxSlugLength = 63;

/**
 * A branch's preview slug, by GitLab's rule for `CI_COMMIT_REF_SLUG`: lowercase, every
 * character outside `a-z0-9` replaced by `-` (runs are kept, not merged), cut to 63
 * characters, then dashes dropped from both ends. Matching GitLab exactly keeps its
 * environment URLs (`$GUICHET_PREVIEWS_URL/$CI_COMMIT_REF_SLUG/`) pointing at our previews.
 * Returns an empty string for a name with no letter or digit.
 */
export function toPreviewSlug(branch: string): string {
  // Per code point (`u`), as GitLab's Ruby works per character: an emoji is one dash, not two.
  const replaced = branch.toLowerCase().replace(/[^a-z0-9]/gu, '-');
  // Only ASCII is left, so cutting code units cuts characters.
  return replaced.slice(0, maxSlugLength).replace(/^-+|-+$/g, '');
}

/** True for a string `toPreviewSlug` can return (and that is not empty): a safe folder name. */
export function isPreviewSlug(value: string): boolean {
  return (
    value.length > 0 &&
    value.length <= maxSlugLength &&
    /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(value)
  );
}
