/**
 * What the browser scripts say, in both languages; a script reads the page's `<html lang>`,
 * which the build set from portal.yaml. Small on purpose: the pages' own strings come from the
 * build's catalogue (`messages.ts`), these are only the ones a script writes at run time.
 */
const fr = {
  count: (count: number, one: string, many: string): string =>
    `${new Intl.NumberFormat('fr-FR').format(count)} ${count === 1 ? one : many}`,
  apis: ['API', 'API'] as [string, string],
  pages: ['page trouvée', 'pages trouvées'] as [string, string],
  searchPrompt: 'Tapez un mot, le résumé d’une opération ou un chemin (par ex. /entreprises).',
  searching: 'Recherche…',
  noResult: (query: string): string => `Aucun résultat pour « ${query} ».`,
  guide: 'Guide',
  version: (id: string): string => `Version ${id}`,
  copied: (label: string): string => `Copié dans le presse-papiers : ${label}.`,
  copyBlocked: (label: string): string =>
    `Ce navigateur empêche la copie depuis la page : le texte est sélectionné (${label}), appuyez sur Ctrl+C pour le copier.`,
  matching: (shown: number, total: number): string =>
    `${String(shown)} API sur ${String(total)} correspondent`,
  resetNoKey:
    "Ce navigateur ne détient aucune clé pour cette API : obtenez d'abord une clé d'essai.",
  resetting: 'Réinitialisation…',
  resetDone:
    'Vos données du bac à sable pour cette version sont réinitialisées : vous repartez des exemples.',
  refused: (title: string): string => `Le bac à sable a refusé : ${title}.`,
  unreachable: "Le bac à sable est injoignable. Vérifiez qu'il tourne, puis réessayez.",
  theText: 'le texte',
  samplesNoKey: (placeholder: string): string =>
    `Remplacez ${placeholder} par votre clé du bac à sable (obtenez-en une dans la section du bac à sable).`,
  samplesKey: (hint: string, placeholder: string): string =>
    `Copier met votre clé (${hint}) à la place de ${placeholder}.`,
  selectToCopy: (label: string): string =>
    `Ce navigateur empêche la copie depuis la page : sélectionnez ${label} et appuyez sur Ctrl+C.`,
  tryNoKey:
    "Obtenez d'abord une clé dans la section du bac à sable : sans clé, le bac à sable répond 401.",
  tryKey: (hint: string): string => `Envoyée avec votre clé du bac à sable (${hint}).`,
  answered: (status: string): string => `Le bac à sable a répondu ${status}.`,
  notSent: (reason: string): string => `Non envoyée : ${reason}`,
};

type ClientMessages = typeof fr;

const en: ClientMessages = {
  count: (count, one, many) =>
    `${new Intl.NumberFormat('en-GB').format(count)} ${count === 1 ? one : many}`,
  apis: ['API', 'APIs'],
  pages: ['page found', 'pages found'],
  searchPrompt: 'Type a word, an operation summary or a path (e.g. /entreprises).',
  searching: 'Searching…',
  noResult: (query) => `No result for “${query}”.`,
  guide: 'Guide',
  version: (id) => `Version ${id}`,
  copied: (label) => `Copied ${label} to the clipboard.`,
  copyBlocked: (label) =>
    `This browser blocks copying from the page: ${label} is selected, press Ctrl+C to copy it.`,
  matching: (shown, total) => `${String(shown)} of ${String(total)} APIs match`,
  resetNoKey: 'This browser holds no key for this API: get a trial key first.',
  resetting: 'Resetting…',
  resetDone: 'Your sandbox data of this version are reset: you start again from the examples.',
  refused: (title) => `The sandbox refused: ${title}.`,
  unreachable: 'The sandbox could not be reached. Check that it is running, then try again.',
  theText: 'the text',
  samplesNoKey: (placeholder) =>
    `Replace ${placeholder} with your sandbox key (get one in the sandbox section).`,
  samplesKey: (hint, placeholder) => `Copy puts your key (${hint}) in place of ${placeholder}.`,
  selectToCopy: (label) =>
    `This browser blocks copying from the page: select ${label} and press Ctrl+C.`,
  tryNoKey: 'Get a key in the sandbox section first: without one the sandbox answers 401.',
  tryKey: (hint) => `Sent with your sandbox key (${hint}).`,
  answered: (status) => `The sandbox answered ${status}.`,
  notSent: (reason) => `Not sent: ${reason}`,
};

/** The scripts' strings in the page's language (French unless the page says `en`). */
export function readClientMessages(): ClientMessages {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? en : fr;
}
