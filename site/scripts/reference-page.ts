import { startCodeSamples } from './code-samples.ts';
import { createAnnouncer } from './copy-buttons.ts';
import { readCredentials } from './sandbox-credentials.ts';
import { startTryIt } from './try-it.ts';

/**
 * The reference pages' script: the code samples' copy buttons and language choice, the "try it"
 * forms, and, in the sidebar, the operation the partner is reading. Everything else on the page
 * works without it; "try it" stays hidden then.
 */
export function startReferencePage(): void {
  const article = document.querySelector<HTMLElement>('[data-reference]');
  if (!article) return;
  const { apiId = '', sandboxUrl = '', sandboxRoot = '' } = article.dataset;
  const storage = readLocalStorage();
  const read = () => readCredentials(storage, apiId);
  const announce = createAnnouncer(document.querySelector<HTMLElement>('#reference-status'));
  const settings = { read, sandboxUrl, sandboxRoot, announce };
  startCodeSamples(article, { ...settings, storage });
  startTryIt(article, settings);
  markCurrentOperation();
  clipSkippedOperations(article);
}

/**
 * Marks `is-skipped` each operation whose content the browser is not laying out yet
 * (`content-visibility: auto`, off screen), which the style clips to its placeholder height,
 * and unmarks it as it comes near the screen.
 */
function clipSkippedOperations(root: ParentNode): void {
  for (const operation of root.querySelectorAll<HTMLElement>('.operation')) {
    const mark = (skipped: boolean): void => {
      operation.classList.toggle('is-skipped', skipped);
    };
    operation.addEventListener('contentvisibilityautostatechange', (event) => {
      mark((event as ContentVisibilityAutoStateChangeEvent).skipped);
    });
    // The state of operations the browser settled before this script ran.
    const first = operation.firstElementChild;
    if (first && 'checkVisibility' in first) {
      mark(!first.checkVisibility({ contentVisibilityAuto: true }));
    }
  }
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
