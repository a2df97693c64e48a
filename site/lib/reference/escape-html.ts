/**
 * Escapes text for HTML content and attribute values. Everything an owner wrote that is not
 * sanitised HTML (names, values, examples, media types) passes through here before a page
 * prints it: a property named `<img onerror>` is text.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
