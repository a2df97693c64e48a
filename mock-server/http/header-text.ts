/**
 * Header values must be visible ASCII: other characters (an accented operation id, a French
 * message) are percent-encoded as UTF-8, which keeps them readable and lossless.
 */
export function toHeaderText(value: string): string {
  return value.replace(/[^\x20-\x7e]/gu, (character) => encodeURIComponent(character));
}
