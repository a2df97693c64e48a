/**
 * Guesses whether API content is French or English, so pages can mark it with the right `lang`
 * (screen readers switch voice, browsers hyphenate and translate correctly). The catalog does not
 * record a language, and owners write in both.
 */
const markers: Readonly<Record<'fr' | 'en', ReadonlySet<string>>> = {
  fr: new Set(
    'le la les des du de un une et est pour dans par sur avec vous votre qui que au aux ce cette sont pas être'.split(
      ' ',
    ),
  ),
  en: new Set(
    'the and of to is for in on with you your this that are be by an a it from or as not can returns'.split(
      ' ',
    ),
  ),
};

/** `fr` or `en` when the text clearly reads as one of them, else `undefined`. */
export function detectLanguage(text: string): 'fr' | 'en' | undefined {
  const words = text.toLowerCase().match(/[a-zàâäçéèêëîïôöùûüÿœæ]+/g) ?? [];
  let french = 0;
  let english = 0;
  for (const word of words) {
    if (markers.fr.has(word)) french += 1;
    if (markers.en.has(word)) english += 1;
  }
  // Accented letters are a strong French signal that stop words can miss in short texts.
  french += (text.match(/[àâçéèêëîïôûùœ]/gi) ?? []).length / 2;
  if (french + english < 2) return undefined;
  if (french > english * 1.5) return 'fr';
  if (english > french * 1.5) return 'en';
  return undefined;
}
