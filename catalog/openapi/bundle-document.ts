import $RefParser, { type FileInfo } from '@apidevtools/json-schema-ref-parser';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { DocumentFiles } from './read-document.ts';

/**
 * Joins a multi-file document into one, so the console, the sandbox and downloads get a
 * self-contained document. Files come from what `readDocumentFiles` already parsed: nothing is
 * read twice, and nothing outside the checked set can be reached.
 */
export async function bundleDocument(files: DocumentFiles): Promise<Record<string, unknown>> {
  const entryValue = files.entry.value as Record<string, unknown>;
  if (!files.hasExternalRefs) return entryValue;
  const entryUrl = pathToFileURL(files.entry.absolutePath).href;
  const bundled = await $RefParser.bundle(entryUrl, structuredClone(entryValue), {
    resolve: {
      external: true,
      http: false,
      file: {
        order: 1,
        canRead: true,
        read: (file: FileInfo) => {
          const source = files.files.get(toPath(file.url));
          // readDocumentFiles has checked every reference, so this only guards against drift.
          if (!source) throw new Error(`unchecked file ${file.url}`);
          return structuredClone(source.value) as object;
        },
      },
    },
    dereference: { circular: true },
  });
  return bundled as Record<string, unknown>;
}

function toPath(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}
