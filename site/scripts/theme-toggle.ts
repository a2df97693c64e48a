/** Key under which this browser keeps the partner's colour theme. */
export const themeStorageKey = 'guichet:theme';

/**
 * The header's dark-theme toggle: a pressed button means dark. Its first state follows what
 * ThemeScript set (the kept choice, else the system's); each press flips the theme and keeps it.
 */
export function startThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  const root = document.documentElement;
  const isDark = (): boolean =>
    root.dataset.theme === 'dark' ||
    (root.dataset.theme !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  const show = (): void => {
    button.setAttribute('aria-pressed', String(isDark()));
  };
  button.addEventListener('click', () => {
    const next = isDark() ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem(themeStorageKey, next);
    } catch {
      // Storage blocked: the theme holds for this page only.
    }
    show();
  });
  show();
  button.hidden = false;
}
