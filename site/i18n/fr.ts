import { shellMessages } from './fr/shell.ts';
import { pageMessages } from './fr/pages.ts';
import { catalogMessages } from './fr/catalog.ts';
import { searchMessages } from './fr/search.ts';
import { problemMessages } from './fr/problems.ts';
import { guideMessages } from './fr/guide.ts';
import { consoleMessages } from './fr/console.ts';
import { apiMessages } from './fr/api.ts';
import { sandboxMessages } from './fr/sandbox.ts';
import { trialKeyMessages } from './fr/trial-key.ts';
import { referenceMessages } from './fr/reference.ts';
import { usageMessages } from './fr/usage.ts';
import { schemaTreeMessages } from './fr/schema-tree.ts';
import { accessibilityMessages } from './fr/accessibility.ts';
import { previewMessages } from './fr/previews.ts';

/**
 * The interface in French, guichet's default and the source of the catalogue's keys: `en.ts`
 * must give every key of this one, so a string missing in English fails `npm run check`. Each
 * part of the interface has its file in `fr/` (and its English twin in `en/`, typed by this
 * one). Owners' content (documents, guides, descriptions) is never translated here.
 */
export const fr = {
  /** BCP 47 tag of the interface, for `<html lang>` and `Intl`. */
  locale: 'fr-FR',
  ...shellMessages,
  ...pageMessages,
  ...catalogMessages,
  ...searchMessages,
  ...problemMessages,
  ...guideMessages,
  ...consoleMessages,
  ...apiMessages,
  ...sandboxMessages,
  ...trialKeyMessages,
  ...referenceMessages,
  ...usageMessages,
  ...schemaTreeMessages,
  ...accessibilityMessages,
  ...previewMessages,
} satisfies Record<string, unknown>;

/** The shape every language's catalogue has: the French one's keys and signatures. */
export type Messages = typeof fr;
