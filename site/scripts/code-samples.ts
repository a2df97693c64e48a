import { readClientMessages } from '../i18n/client.ts';
import { keyPlaceholder } from './sandbox-credentials.ts';
import { toKeyHint } from './sandbox-keys.ts';

/** Where the partner's last language choice is kept, so every operation opens in it. */
const languageStorage = 'guichet:sample-language';

/** What the code samples need to know about the page they are on. */
export interface SamplesSettings {
  /** The key the browser holds for this API, read when a sample is copied. */
  readKey: () => string | undefined;
  /** The version's sandbox base URL as the page prints it (a path alone on a preview). */
  sandboxUrl: string;
  announce: (message: string) => void;
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

/**
 * Enhances the request samples: "Copy" puts the stored key in place of `YOUR_KEY` (and the page's
 * origin before a sandbox known only as a path), and opening a language opens it in every
 * operation and remembers it.
 */
export function startCodeSamples(root: ParentNode, settings: SamplesSettings): void {
  const key = settings.readKey();
  for (const note of root.querySelectorAll<HTMLElement>('[data-samples-key]')) {
    note.textContent =
      key === undefined
        ? readClientMessages().samplesNoKey(keyPlaceholder)
        : readClientMessages().samplesKey(toKeyHint(key), keyPlaceholder);
    note.hidden = false;
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy-sample]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const code = document.getElementById(button.dataset.copySample ?? '');
      if (!code) return;
      const text = fillSample(
        code.textContent,
        settings.readKey(),
        settings.sandboxUrl,
        location.origin,
      );
      void copyText(text, button.dataset.copyLabel ?? 'the sample', settings.announce);
    });
  }
  startLanguageChoice(root, settings.storage);
}

/** A sample as it should run: the key in place of the placeholder, the sandbox URL absolute. */
export function fillSample(
  code: string,
  key: string | undefined,
  sandboxUrl: string,
  origin: string,
): string {
  let filled = key === undefined ? code : code.replaceAll(keyPlaceholder, key);
  if (sandboxUrl.startsWith('/')) {
    // Quoted in every language the samples are written in: `'/x/_sandbox/…` or `"/x/_sandbox/…`.
    filled = filled.replaceAll(`'${sandboxUrl}`, `'${origin}${sandboxUrl}`);
    filled = filled.replaceAll(`"${sandboxUrl}`, `"${origin}${sandboxUrl}`);
  }
  return filled;
}

async function copyText(
  text: string,
  label: string,
  announce: (message: string) => void,
): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    announce(readClientMessages().copied(label));
  } catch {
    announce(readClientMessages().selectToCopy(label));
  }
}

function startLanguageChoice(
  root: ParentNode,
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
): void {
  const all = [...root.querySelectorAll<HTMLDetailsElement>('details[data-sample]')];
  let applying = false;
  const apply = (language: string): void => {
    applying = true;
    for (const details of all) details.open = details.dataset.sample === language;
    applying = false;
  };
  const saved = readSaved(storage);
  if (saved && all.some((details) => details.dataset.sample === saved)) apply(saved);
  for (const details of all) {
    details.addEventListener('toggle', () => {
      if (applying || !details.open || !details.dataset.sample) return;
      apply(details.dataset.sample);
      try {
        storage?.setItem(languageStorage, details.dataset.sample);
      } catch {
        // Storage refused: the choice holds on this page only.
      }
    });
  }
}

function readSaved(storage: Pick<Storage, 'getItem'> | undefined): string | null {
  try {
    return storage?.getItem(languageStorage) ?? null;
  } catch {
    return null;
  }
}
