/** The words of schema trees (site/lib/reference/render-schema.ts). */
export const schemaTreeMessages = {
  schemaTree: {
    arrayOf: (type: string): string => `tableau de ${type}`,
    choiceOf: (kind: 'oneOf' | 'anyOf', count: number): string =>
      `${kind === 'oneOf' ? 'un parmi' : 'un ou plusieurs parmi'} ${String(count)} types`,
    mapOf: (type: string): string => `dictionnaire de ${type}`,
    or: ' ou ',
    orNull: ' ou null',
    cut: {
      cycle: 'renvoie à un schéma plus haut',
      depth: 'trop imbriqué pour être montré ici : voir le document OpenAPI',
      size: 'trop grand pour être montré ici : voir le document OpenAPI',
    },
    includes: (types: string): string => `Reprend les propriétés de ${types}.`,
    omitted: (count: number): string =>
      `${String(count)} autres non montrées ici : voir le document OpenAPI`,
    choiceIntro: (kind: 'oneOf' | 'anyOf'): string =>
      kind === 'oneOf' ? 'Exactement un parmi' : 'Un ou plusieurs parmi',
    toldApartBy: (code: string): string => `, distingués par ${code}`,
    allOf: 'Correspond aussi à tous ceux-ci :',
    eachItem: 'Chaque élément :',
    eachValue: 'Chaque valeur :',
    required: 'obligatoire',
    readOnly: 'lecture seule',
    writeOnly: 'écriture seule',
    deprecated: 'obsolète',
    allowed: 'Valeurs permises : ',
    andMore: (count: number): string => ` et ${String(count)} autres`,
    pattern: 'Motif : ',
    default: 'Par défaut : ',
    example: 'Exemple : ',
  },
};
