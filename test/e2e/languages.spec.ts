import { pageKinds } from './page-kinds.ts';
import { expect, test } from './portal-test.ts';

/**
 * The interface speaks one language per build: the French portal (guichet's default) shows
 * none of the English interface's strings, the English one none of the French ones, on every
 * page kind. Owners' content keeps its own language, so the pages chosen carry French content
 * in both builds and the strings looked for are the interface's own.
 */

/** Strings of the English interface (as it was before it had a French one). */
const englishStrings = [
  'Skip to content',
  'API catalog',
  'Search APIs and operations',
  'Catalog as JSON',
  'Sandbox problem types',
  'Sandbox terms',
  'Browse all APIs',
  'How it works',
  'The catalog today',
  'This page does not exist',
  'Apply filters',
  'All owners',
  'When it happens',
  'What to do',
  'Example answer',
  'Show more results',
  'Open the interactive console',
  'Get a trial key',
  'Sandbox and trial keys',
  'Interactive console',
  'Try it',
  'Request samples',
  'Responses',
  'Parameters',
  'Changelog',
  'What is recorded',
  'This version is deprecated',
  'Choose the answer',
  'Base URL',
  'Test data only',
  'Accessibility statement',
  'Compliance status',
  'My sandbox usage',
  'Show usage',
  'Download CSV',
  'Admin token',
  // Schema trees and security schemes, once written in English whatever the interface.
  'schema-required">required',
  'API key in the',
];

/** Strings of the French interface. */
const frenchStrings = [
  'Aller au contenu',
  'Catalogue des API',
  'Rechercher des API',
  'Types de problèmes',
  "Conditions d'utilisation",
  'Comment ça marche',
  "Cette page n'existe pas",
  'Appliquer les filtres',
  'Quand cela arrive',
  'Que faire',
  'Ouvrir la console interactive',
  "Obtenir une clé d'essai",
  'Console interactive',
  'Essayer',
  'Réponses',
  'Paramètres',
  'Historique des changements',
  'Cette version est obsolète',
  'Choisir la réponse',
  'URL de base',
  'Données de test uniquement',
  "Déclaration d'accessibilité",
  'État de conformité',
  'Ma consommation',
  'Afficher l’usage',
  'Télécharger en CSV',
  'Jeton d’administration',
];

/** The page's HTML without its scripts and styles: text and attributes a partner meets. */
function toInterfaceHtml(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>/g, '');
}

for (const { base, lang, foreign } of [
  { base: '/fr/', lang: 'fr', foreign: englishStrings },
  { base: '/', lang: 'en', foreign: frenchStrings },
]) {
  for (const { name, path } of pageKinds) {
    test(`the ${lang} ${name} speaks ${lang} only`, async ({ request }) => {
      const response = await request.get(`${base}${path}`);
      const html = await response.text();
      expect(/<html lang="([^"]*)"/.exec(html)?.[1]).toBe(lang);
      const interfaceHtml = toInterfaceHtml(html);
      expect(foreign.filter((text) => interfaceHtml.includes(text))).toEqual([]);
    });
  }
}
