import { readStoredKey, toKeyHint } from './sandbox-keys.ts';
import { toScalarConfiguration } from './scalar-configuration.ts';

/** Scalar's standalone module, as far as the portal uses it. */
interface ScalarModule {
  createApiReference: (element: HTMLElement, configuration: Record<string, unknown>) => unknown;
}

/**
 * Prepares the interactive console on the reference page: tells the partner whether a sandbox
 * key will be sent and shows the button that opens it. Scalar's bundle (780 KB gzipped) loads
 * only when that button is pressed, so the page itself stays light.
 */
export function startReferenceConsole(): void {
  const button = document.querySelector<HTMLButtonElement>('#open-console');
  if (!button) return;
  button.hidden = false;
  // Both texts come from the page, in the portal's language.
  const openText = button.textContent;
  button.addEventListener('click', () => {
    button.disabled = true;
    button.textContent = button.dataset.loading ?? openText;
    void openConsole().catch(() => {
      // Offline or interrupted: the button stays, to try again.
      button.disabled = false;
      button.textContent = openText;
    });
  });
  const container = document.querySelector<HTMLElement>('#console');
  const apiId = container?.dataset.apiId;
  if (apiId) showKeyNotice(readStoredKey(readLocalStorage(), apiId));
}

/** Loads Scalar into the console's container, replacing the static text that stood there. */
async function openConsole(): Promise<void> {
  const container = document.querySelector<HTMLElement>('#console');
  if (!container) return;
  const { apiId, documentUrl, sandboxUrl, scalarUrl } = container.dataset;
  if (!apiId || !documentUrl || !sandboxUrl || !scalarUrl) return;

  const storage = readLocalStorage();
  const readKey = (): string | undefined => readStoredKey(storage, apiId);

  const scalar = (await import(/* @vite-ignore */ scalarUrl)) as ScalarModule;
  container.replaceChildren();
  container.classList.add('console-ready');
  scalar.createApiReference(container, toScalarConfiguration({ documentUrl, sandboxUrl, readKey }));
  // The button that had the focus is gone: the console takes it, for keyboards and readers.
  container.tabIndex = -1;
  container.focus();
}

function showKeyNotice(key: string | undefined): void {
  const missing = document.querySelector<HTMLElement>('#key-missing');
  const present = document.querySelector<HTMLElement>('#key-present');
  if (key === undefined) {
    if (missing) missing.hidden = false;
    return;
  }
  if (!present) return;
  const hint = present.querySelector('[data-key-hint]');
  if (hint) hint.textContent = toKeyHint(key);
  present.hidden = false;
}

function readLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
