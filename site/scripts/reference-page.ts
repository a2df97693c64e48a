import { startCodeSamples } from './code-samples.ts';
import { createAnnouncer } from './copy-buttons.ts';
import { readStoredKey } from './sandbox-keys.ts';

/**
 * The reference pages' script: the code samples' copy buttons and language choice, and, in the
 * sidebar, the operation the partner is reading. Everything it enhances works without it.
 */
export function startReferencePage(): void {
  const article = document.querySelector<HTMLElement>('[data-reference]');
  if (!article) return;
  const { apiId = '', sandboxUrl = '' } = article.dataset;
  const storage = readLocalStorage();
  startCodeSamples(article, {
    readKey: () => readStoredKey(storage, apiId),
    sandboxUrl,
    announce: createAnnouncer(document.querySelector<HTMLElement>('#reference-status')),
    storage,
  });
  markCurrentOperation();
}

function readLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** `aria-current="location"` on the sidebar link of the operation being read. */
function markCurrentOperation(): void {
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
