import type { TagDetails } from './reference-model.ts';
import { isMapping, type ReadContext } from './read-context.ts';
import { createAnchorSet } from './to-anchor.ts';

/** Anchor of the group of operations without a tag; no tag's anchor takes it. */
export const untaggedAnchor = 'tag-other';

/**
 * Tags as the document declares them (with their descriptions), then the ones operations use
 * without declaring them, each with a readable anchor (`tag-departements`).
 */
export function readTags(context: ReadContext, used: readonly string[]): TagDetails[] {
  const anchors = createAnchorSet([untaggedAnchor]);
  const tags: TagDetails[] = [];
  const seen = new Set<string>();
  const declared = Array.isArray(context.document.tags) ? context.document.tags : [];
  for (const tag of declared) {
    if (!isMapping(tag) || typeof tag.name !== 'string' || seen.has(tag.name)) continue;
    seen.add(tag.name);
    tags.push({
      name: tag.name,
      anchor: anchors.take('tag-', tag.name, 'tag'),
      descriptionHtml: context.toHtml(tag.description),
    });
  }
  for (const name of used) {
    if (seen.has(name)) continue;
    seen.add(name);
    tags.push({ name, anchor: anchors.take('tag-', name, 'tag'), descriptionHtml: '' });
  }
  return tags;
}
