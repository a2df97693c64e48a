import { placeholders, readCredentials } from './sandbox-credentials.ts';

/** Told when the stored credentials change (the trial-key form dispatches it on `document`). */
export const credentialsChangedEvent = 'guichet:credentials-changed';

/**
 * Puts the partner's own credentials in the page's commands (`[data-command]`), so what they
 * copy works as pasted: the stored key and client of this API, or the placeholders again once
 * they are forgotten. The commands as built are kept, so each fill starts from them.
 */
export function startCommandFilling(section: HTMLElement, apiId: string): void {
  const commands = [...section.querySelectorAll<HTMLElement>('[data-command]')];
  const templates = commands.map((element) => element.textContent);
  const note = section.querySelector<HTMLElement>('[data-credentials-placeholder]');
  const fill = (): void => {
    const { key, client } = readCredentials(readLocalStorage(), apiId);
    commands.forEach((element, index) => {
      let text = templates[index] ?? '';
      if (key !== undefined) text = text.replaceAll(placeholders.key, key);
      if (client !== undefined) {
        text = text
          .replaceAll(placeholders.clientId, client.clientId)
          .replaceAll(placeholders.clientSecret, client.clientSecret);
      }
      element.textContent = text;
    });
    if (note) {
      note.textContent =
        key === undefined
          ? note.textContent
          : 'These commands hold your trial application’s key and client, as this browser saved them: copy them as they are.';
    }
  };
  fill();
  document.addEventListener(credentialsChangedEvent, fill);
}

function readLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
