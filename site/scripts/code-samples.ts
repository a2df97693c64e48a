import { readClientMessages } from '../i18n/client.ts';
import { toBasicAuthorization } from '../../catalog/sandbox-credentials.ts';
import {
  placeholders,
  requestSandboxToken,
  type CallCredentials,
  type StoredCredentials,
} from './sandbox-credentials.ts';
import { toKeyHint } from './sandbox-keys.ts';

/** Where the partner's last language choice is kept, so every operation opens in it. */
const languageStorage = 'guichet:sample-language';

/** What the code samples need to know about the page they are on. */
export interface SamplesSettings {
  /** The key and client the browser holds for this API, read when a sample is copied. */
  read: () => StoredCredentials;
  /** The version's sandbox base URL as the page prints it (a path alone on a preview). */
  sandboxUrl: string;
  /** The sandbox's root, where its token endpoint answers (a path alone on a preview). */
  sandboxRoot: string;
  announce: (message: string) => void;
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

/**
 * Enhances the request samples: "Copy" puts the partner's credentials in place of the
 * placeholders (the key, the client id and secret, and an access token the sandbox issues the
 * client when the sample sends one) and the page's origin before a sandbox known only as a
 * path; opening a language opens it in every operation and remembers it.
 */
export function startCodeSamples(root: ParentNode, settings: SamplesSettings): void {
  const { key, client } = settings.read();
  for (const note of root.querySelectorAll<HTMLElement>('[data-samples-key]')) {
    note.textContent =
      key === undefined && client === undefined
        ? readClientMessages().samplesNoKey(placeholders)
        : readClientMessages().samplesKey(
            key === undefined ? undefined : toKeyHint(key),
            client?.clientId,
          );
    note.hidden = false;
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy-sample]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const code = document.getElementById(button.dataset.copySample ?? '');
      if (!code) return;
      void copySample(code.textContent, button.dataset.copyLabel ?? 'the sample', settings);
    });
  }
  startLanguageChoice(root, settings.storage);
}

async function copySample(code: string, label: string, settings: SamplesSettings): Promise<void> {
  const held: CallCredentials = settings.read();
  if (code.includes(placeholders.token) && held.client) {
    const root = settings.sandboxRoot.startsWith('/')
      ? `${location.origin}${settings.sandboxRoot}`
      : settings.sandboxRoot;
    // Without a scope the token carries every scope the subscription grants.
    held.token = (await requestSandboxToken(root, held.client))?.token;
  }
  await copyText(
    fillSample(code, held, settings.sandboxUrl, location.origin),
    label,
    settings.announce,
  );
}

/** The placeholders' `Authorization: Basic …`, as the samples print it. */
const basicPlaceholder = toBasicAuthorization(placeholders.clientId, placeholders.clientSecret);

/** A sample as it should run: the credentials held in place of their placeholders, the sandbox URL absolute. */
export function fillSample(
  code: string,
  credentials: CallCredentials,
  sandboxUrl: string,
  origin: string,
): string {
  let filled = code;
  const { key, client, token } = credentials;
  if (key !== undefined) filled = filled.replaceAll(placeholders.key, key);
  if (token !== undefined) filled = filled.replaceAll(placeholders.token, token);
  if (client !== undefined) {
    filled = filled
      .replaceAll(basicPlaceholder, toBasicAuthorization(client.clientId, client.clientSecret))
      .replaceAll(placeholders.clientId, client.clientId)
      .replaceAll(placeholders.clientSecret, client.clientSecret);
  }
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
