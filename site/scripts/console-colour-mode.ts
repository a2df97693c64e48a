/**
 * The console takes the page's colour mode: the neutral theme's (`data-theme` when the partner
 * chose, else the system's) or the DSFR's (`data-fr-theme`, which its display settings set).
 * Scalar shows its own light or dark mode by a class on `<body>`; the page keeps that class in
 * step when the partner switches theme with the console open.
 */

/** Scalar's two modes. */
export type ColourMode = 'light' | 'dark';

/** The mode the page shows, from `<html>`'s attributes and the system's preference. */
export function readColourMode(root: HTMLElement, systemPrefersDark: boolean): ColourMode {
  const chosen = root.dataset.frTheme ?? root.dataset.theme;
  if (chosen === 'dark' || chosen === 'light') return chosen;
  return systemPrefersDark ? 'dark' : 'light';
}

/** Marks `<body>` the way Scalar reads its mode (`dark-mode` or `light-mode`). */
export function showConsoleMode(body: HTMLElement, mode: ColourMode): void {
  body.classList.toggle('dark-mode', mode === 'dark');
  body.classList.toggle('light-mode', mode === 'light');
}

/** Calls `apply` with the page's mode whenever the theme or the system's preference changes. */
export function followColourMode(apply: (mode: ColourMode) => void): void {
  const root = document.documentElement;
  const system = window.matchMedia('(prefers-color-scheme: dark)');
  const update = (): void => {
    apply(readColourMode(root, system.matches));
  };
  new MutationObserver(update).observe(root, {
    attributes: true,
    attributeFilter: ['data-theme', 'data-fr-theme'],
  });
  system.addEventListener('change', update);
}
