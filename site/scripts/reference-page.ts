/**
 * The reference pages' script: marks, in the sidebar, the operation the partner is reading
 * (`aria-current="location"`), so the sidebar says where one is in a long page. Everything else
 * on the page works without it.
 */
export function startReferencePage(): void {
  const links = new Map<string, HTMLAnchorElement>();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav-anchor]')) {
    links.set(link.dataset.navAnchor ?? '', link);
  }
  if (links.size === 0 || !('IntersectionObserver' in window)) return;
  let current: HTMLAnchorElement | undefined;
  const mark = (anchor: string): void => {
    const link = links.get(anchor);
    if (!link || link === current) return;
    current?.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'location');
    current = link;
  };
  const observer = new IntersectionObserver(
    (entries) => {
      const visible = entries.find((entry) => entry.isIntersecting);
      if (visible) mark(visible.target.id);
    },
    // A heading counts as read once it reaches the top third of the window.
    { rootMargin: '0px 0px -66% 0px' },
  );
  for (const anchor of links.keys()) {
    const heading = document.getElementById(anchor);
    if (heading) observer.observe(heading);
  }
  if (location.hash) mark(decodeURIComponent(location.hash.slice(1)));
}
