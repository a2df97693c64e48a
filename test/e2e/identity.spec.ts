import { expect, test } from './portal-test.ts';

/**
 * The French e2e portal carries a fictional ministry's identity from its portal.yaml
 * (test/e2e/fixtures/portal/fr.yaml); the English ones keep guichet's defaults.
 */
test('the organisation’s name, logo, colour and footer links are on every page', async ({
  page,
}) => {
  await page.goto('/fr/apis/');
  await expect(page).toHaveTitle('Catalogue des API · API Exemple');
  const brand = page.locator('.site-header .brand');
  await expect(brand).toContainText("Ministère de l'Exemple");
  await expect(brand).toContainText('API Exemple');
  expect(await brand.locator('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  const button = page.getByRole('button', { name: 'Appliquer les filtres' });
  expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
    'rgb(0, 0, 145)',
  );
  const footer = page.locator('.site-footer');
  await expect(footer.getByRole('link', { name: 'Mentions légales' })).toHaveAttribute(
    'href',
    '/fr/mentions-legales/',
  );
  await expect(footer.getByRole('link', { name: 'Données personnelles' })).toHaveAttribute(
    'href',
    'https://www.exemple.gouv.fr/donnees-personnelles',
  );
  await footer.getByRole('link', { name: 'Accessibilité : partiellement conforme' }).click();
  await expect(page).toHaveURL('/fr/accessibility/');
});

test('the accessibility statement says what portal.yaml declares, in the RGAA model', async ({
  page,
}) => {
  await page.goto('/fr/accessibility/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Déclaration d'accessibilité");
  const main = page.locator('main');
  await expect(main).toContainText(
    "Le portail API Exemple est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.",
  );
  await expect(main).toContainText(
    "L'audit de conformité réalisé par Cabinet Exemple Accessibilité le 15 octobre 2026 révèle que 82 % des critères du RGAA version 4 sont respectés.",
  );
  await expect(main).toContainText('La console interactive (Scalar) ne restitue pas');
  await expect(main).toContainText('Les documents OpenAPI téléchargeables');
  await expect(main.getByRole('link', { name: 'accessibilite@exemple.gouv.fr' })).toHaveAttribute(
    'href',
    'mailto:accessibilite@exemple.gouv.fr',
  );
  for (const heading of [
    'État de conformité',
    'Résultats des tests',
    'Contenus non accessibles',
    'Retour d’information et contact',
    'Voies de recours',
  ])
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
});

test('without an identity the portal is guichet’s, and says it is not compliant', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveTitle('API portal · guichet');
  await expect(page.locator('.site-header .brand img')).toHaveCount(0);
  await page.getByRole('link', { name: 'Accessibility: not compliant' }).click();
  await expect(page.locator('main')).toContainText(
    'The guichet portal is not compliant with the French accessibility framework (RGAA), version 4.',
  );
  await expect(page.locator('main')).toContainText('No compliance audit has been carried out yet.');
});
