/**
 * The kinds of file a document may be made of. The build publishes a document's files as they
 * are, under `apis/<id>/<version>/source/`, on the portal's origin; the catalog reads any file a
 * `$ref` names as YAML, so `evil.html` or `evil.svg` holding a script would parse, be published
 * and run in the partner's browser as one of the portal's pages. Only data files are accepted.
 */
export const documentFileExtensions = ['.yaml', '.yml', '.json'] as const;

/** Why another kind of file is refused, said the same way wherever it is found. */
export const documentFileHint =
  "rename it to .yaml, .yml or .json: the portal publishes a document's files as they are, and a browser could run any other kind";

/** True when `path` (a file name or path, `/` or `\` separated) ends in `.yaml`, `.yml` or `.json`. */
export function isDocumentFileName(path: string): boolean {
  const name = path.split(/[\\/]/).at(-1)?.toLowerCase() ?? '';
  return documentFileExtensions.some((extension) => name.endsWith(extension));
}
