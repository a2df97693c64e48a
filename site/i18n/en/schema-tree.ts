import type { Messages } from '../fr.ts';

/** The words of schema trees (site/lib/reference/render-schema.ts). */
export const schemaTreeMessages: Pick<Messages, 'schemaTree'> = {
  schemaTree: {
    arrayOf: (type: string): string => `array of ${type}`,
    choiceOf: (kind: 'oneOf' | 'anyOf', count: number): string =>
      `${kind === 'oneOf' ? 'one of' : 'any of'} ${String(count)} types`,
    mapOf: (type: string): string => `map of ${type}`,
    or: ' or ',
    orNull: ' or null',
    cut: {
      cycle: 'loops back to a schema above',
      depth: 'nested too deep to show here: see the OpenAPI document',
      size: 'too large to show here: see the OpenAPI document',
    },
    includes: (types: string): string => `Includes the properties of ${types}.`,
    omitted: (count: number): string =>
      `${String(count)} more not shown here: see the OpenAPI document`,
    choiceIntro: (kind: 'oneOf' | 'anyOf'): string =>
      kind === 'oneOf' ? 'Exactly one of' : 'One or more of',
    toldApartBy: (code: string): string => `, told apart by ${code}`,
    allOf: 'Also matches all of:',
    eachItem: 'Each item:',
    eachValue: 'Each value:',
    required: 'required',
    readOnly: 'read-only',
    writeOnly: 'write-only',
    deprecated: 'deprecated',
    allowed: 'Allowed: ',
    andMore: (count: number): string => ` and ${String(count)} more`,
    pattern: 'Pattern: ',
    default: 'Default: ',
    example: 'Example: ',
  },
};
