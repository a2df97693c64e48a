import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dsfrPortal } from './e2e-portals.ts';
import { findViolations } from './find-violations.ts';
import { expect, test } from './portal-test.ts';

/**
 * The portal in the State design system (`theme: dsfr`), built from the sample ministry's
 * portal.yaml (examples/dsfr/portal.yaml) under /dsfr/: the DSFR's own header, footer, display
 * settings and components, from files the build serves itself.
 */
const base = dsfrPortal.base;

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  if (path.startsWith('search/'))
    await expect(page.locator('#search-results > li').first()).toBeVisible();
  // The DSFR's script has started its components (it marks <html>).
  await expect(page.locator('html')).toHaveAttribute('data-fr-js', 'true');
}

test.describe('the DSFR portal', () => {
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test('has the brand block, the service title, the search bar and the navigation', async ({
    page,
    requests,
  }) => {
    await open(page, 'apis/');
    const header = page.getByRole('banner');
    await expect(header.locator('.fr-header__logo .fr-logo')).toHaveText(
      /Ministère\s*de l'Exemple/,
    );
    expect(await header.locator('.fr-logo br').count()).toBe(1);
    await expect(header.locator('.fr-header__service-title')).toHaveText('API Exemple');
    await expect(
      header.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', {
        name: 'Catalogue des API',
      }),
    ).toHaveAttribute('aria-current', 'page');
    // Marianne from the build, not from another host.
    expect(
      await page.evaluate(async () => {
        await document.fonts.ready;
        return document.fonts.check('16px Marianne');
      }),
    ).toBe(true);
    expect(requests.some((url) => url.endsWith(`${base}_dsfr/dsfr.css`))).toBe(true);
    expect(requests.some((url) => /\/_dsfr\/fonts\/Marianne-[A-Za-z_]+\.woff2$/.test(url))).toBe(
      true,
    );
    expect(requests.some((url) => url.endsWith(`${base}_dsfr/dsfr.module.min.js`))).toBe(true);
    const search = header.getByRole('search');
    await search.getByRole('searchbox').fill('declarations');
    await search.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(`${base}search/?q=declarations`);
    await expect(page.locator('#search-results > li').first()).toBeVisible();
  });

  test('has the footer’s brand block and mandatory links', async ({ page }) => {
    await open(page, '');
    const footer = page.getByRole('contentinfo');
    await expect(footer.locator('.fr-footer__brand .fr-logo')).toHaveText(
      /Ministère\s*de l'Exemple/,
    );
    for (const [name, href] of [
      ['Mentions légales', 'https://www.exemple.gouv.fr/mentions-legales'],
      ['Données personnelles', 'https://www.exemple.gouv.fr/donnees-personnelles'],
      ['legifrance.gouv.fr', 'https://legifrance.gouv.fr'],
    ] as const) {
      await expect(footer.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
    }
    await footer.getByRole('link', { name: 'Accessibilité : partiellement conforme' }).click();
    await expect(page).toHaveURL(`${base}accessibility/`);
  });

  test('switches to dark with the DSFR’s display settings, and keeps it', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await open(page, '');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-fr-theme', 'light');
    await page.getByRole('banner').getByRole('button', { name: 'Paramètres d’affichage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paramètres d’affichage' });
    await expect(dialog).toBeVisible();
    await dialog.getByText('Thème sombre').click();
    await expect(html).toHaveAttribute('data-fr-theme', 'dark');
    const background = (): Promise<string> =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(22, 22, 22)');
    await open(page, 'apis/');
    await expect(html).toHaveAttribute('data-fr-theme', 'dark');
    expect(await background()).toBe('rgb(22, 22, 22)');
  });

  test('shows the API with DSFR cards, badges, tags, tables and alerts', async ({ page }) => {
    await open(page, 'apis/');
    const card = page.locator('#catalog-cards > li').filter({ hasText: 'Déclarations fiscales' });
    await expect(card.locator('.fr-card .fr-card__title a')).toHaveAttribute(
      'href',
      `${base}apis/tax-declarations/`,
    );
    await expect(card.locator('.fr-badge--success')).toHaveText('Stable');
    await expect(card.locator('.fr-tags-group .fr-tag').first()).toBeVisible();
    await open(page, 'apis/tax-declarations/v1/');
    await expect(page.locator('.fr-alert--warning[role="note"]')).toContainText(
      'Cette version est obsolète',
    );
    await expect(page.locator('#versions ~ .fr-table table')).toBeVisible();
    await expect(page.locator('.fr-badge--warning').first()).toBeVisible();
  });

  test('asks for a trial key with DSFR fields that show their errors', async ({ page }) => {
    await open(page, 'apis/tax-declarations/');
    const form = page.locator('#trial-key-form');
    await expect(form.locator('.fr-input-group .fr-input#trial-application')).toBeVisible();
    await expect(form.locator('.fr-checkbox-group #trial-terms')).toBeAttached();
    await form.getByRole('button', { name: /Obtenir une clé d.essai/ }).click();
    await expect(form.locator('.fr-input-group--error')).toHaveCount(2);
    await expect(form.locator('.fr-checkbox-group--error')).toHaveCount(1);
    await expect(form.locator('#trial-application-error')).not.toBeEmpty();
    expect(await findViolations(page)).toEqual([]);
  });
});

/** Attributes and CSS through which a file loads something by itself (links to follow are fine). */
const loadingReference =
  /<(?:script|link|img|iframe|source|video|audio|embed|object|use)\b[^>]*?\s(?:src|href|data|srcset)=["']?((?:https?:)?\/\/[^"'\s>]+)/gi;
const cssReference =
  /url\(\s*["']?((?:https?:)?\/\/[^"')]+)|@import\s+["']?((?:https?:)?\/\/[^"')\s]+)/gi;

test('no page, stylesheet or script of the DSFR build loads anything from another host', async () => {
  const entries = await readdir(dsfrPortal.outDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && /\.(?:html|css|js)$/.test(entry.name));
  expect(files.some((entry) => entry.name === 'dsfr.css')).toBe(true);
  const remote: string[] = [];
  for (const entry of files) {
    const path = join(entry.parentPath, entry.name);
    // Scalar's bundle names hosts it never calls with the portal's settings; offline.spec.ts and
    // the console's own tests cover it.
    if (path.includes('/_scalar/')) continue;
    const text = await readFile(path, 'utf8');
    const patterns = entry.name.endsWith('.html')
      ? [loadingReference, cssReference]
      : entry.name.endsWith('.css')
        ? [cssReference]
        : [];
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const url = match[1] ?? match[2] ?? '';
        if (!/^(?:https?:)?\/\/(?:127\.0\.0\.1|localhost)[:/]/.test(url))
          remote.push(`${path}: ${url}`);
      }
    }
  }
  expect(remote).toEqual([]);
});
