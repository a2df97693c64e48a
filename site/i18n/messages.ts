import { identity } from 'virtual:guichet/settings';
import { en } from './en.ts';
import { fr, type Messages } from './fr.ts';

/** The interface's strings in the language `portal.yaml` chose for this build. */
export const messages: Messages = identity.language === 'en' ? en : fr;

/** The language's code, for `<html lang>`. */
export const language = identity.language;
