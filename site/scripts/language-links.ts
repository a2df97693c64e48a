/**
 * The language switcher keeps the place on the page: anchors (operations, sections) are the
 * same in every language, so the link taken carries the page's current one.
 */
export function startLanguageLinks(): void {
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest<HTMLAnchorElement>('a[data-language-link]');
    if (!link || location.hash === '') return;
    link.hash = location.hash;
  });
}
