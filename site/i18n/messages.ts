import { en } from './en.ts';
import { fr, type Messages } from './fr.ts';
import { readPageLanguage } from './page-language.ts';

const dictionaries = { fr, en } as const satisfies Record<string, Messages>;

/** The dictionary of a language. */
export function toMessages(language: keyof typeof dictionaries): Messages {
  return dictionaries[language];
}

/**
 * The interface's strings in the language of the page being rendered (`page-language.ts`):
 * `messages.layout.skipLink` reads the page's dictionary at the moment it is read, so a
 * component never holds on to a language.
 */
export const messages: Messages = new Proxy(fr, {
  get: (_target, key) => Reflect.get(dictionaries[readPageLanguage()], key) as unknown,
});
