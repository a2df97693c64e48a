/**
 * What the README shows: the home, catalog and API page of the sample catalog in both themes and
 * both languages, on a desktop and on a phone. One file name per picture, e.g.
 * `dsfr-en-catalog-mobile.png`.
 */
export const screenshotThemes = ['neutral', 'dsfr'] as const;
export const screenshotLanguages = ['fr', 'en'] as const;

/** The pages, as paths under a language's base; the API page is the sample's largest. */
export const screenshotPages = [
  { name: 'home', path: '' },
  { name: 'catalog', path: 'apis/' },
  { name: 'api', path: 'apis/declarations-fiscales/' },
] as const;

/** The screens: Playwright's desktop width and a common phone's, the page matrix's two widths. */
export const screenshotScreens = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

export type ScreenshotTheme = (typeof screenshotThemes)[number];

/** One picture to take. */
export interface PlannedScreenshot {
  theme: ScreenshotTheme;
  /** The page's path from the portal's root: French at the root, English under `en/`. */
  path: string;
  width: number;
  height: number;
  file: string;
}

/** Every picture, theme by theme (one built portal each). */
export function planScreenshots(): PlannedScreenshot[] {
  return screenshotThemes.flatMap((theme) =>
    screenshotLanguages.flatMap((language) =>
      screenshotPages.flatMap((page) =>
        screenshotScreens.map((screen) => ({
          theme,
          path: `${language === 'fr' ? '' : 'en/'}${page.path}`,
          width: screen.width,
          height: screen.height,
          file: `${theme}-${language}-${page.name}-${screen.name}.png`,
        })),
      ),
    ),
  );
}
