import type { Messages } from './fr.ts';
import { shellMessages } from './en/shell.ts';
import { pageMessages } from './en/pages.ts';
import { catalogMessages } from './en/catalog.ts';
import { searchMessages } from './en/search.ts';
import { problemMessages } from './en/problems.ts';
import { guideMessages } from './en/guide.ts';
import { consoleMessages } from './en/console.ts';
import { apiMessages } from './en/api.ts';
import { sandboxMessages } from './en/sandbox.ts';
import { trialKeyMessages } from './en/trial-key.ts';
import { referenceMessages } from './en/reference.ts';
import { usageMessages } from './en/usage.ts';
import { schemaTreeMessages } from './en/schema-tree.ts';
import { accessibilityMessages } from './en/accessibility.ts';
import { previewMessages } from './en/previews.ts';

/**
 * The interface in English; its keys are the French catalogue's (`fr.ts`), each part in its
 * file of `en/` beside its French twin in `fr/`.
 */
export const en: Messages = {
  locale: 'en-GB',
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
};
