import { readStoredKey, toKeyHint } from './sandbox-keys.ts';
import { toScalarConfiguration } from './scalar-configuration.ts';

/** Scalar's standalone module, as far as the portal uses it. */
interface ScalarModule {
  createApiReference: (element: HTMLElement, configuration: Record<string, unknown>) => unknown;
}

/**
 * Starts the interactive console on the reference page: tells the partner whether a sandbox key
 * will be sent, then loads Scalar's bundle (only on this page) into the console's container,
 * replacing the static fallback that stood there while it loaded.
 */
export async function startReferenceConsole(): Promise<void> {
  const container = document.querySelector<HTMLElement>('#console');
  if (!container) return;
  const { apiId, documentUrl, sandboxUrl, scalarUrl } = container.dataset;
  if (!apiId || !documentUrl || !sandboxUrl || !scalarUrl) return;

  const storage = readLocalStorage();
  const readKey = (): string | undefined => readStoredKey(storage, apiId);
  showKeyNotice(readKey());

  const scalar = (await import(/* @vite-ignore */ scalarUrl)) as ScalarModule;
  container.replaceChildren();
  container.classList.add('console-ready');
  scalar.createApiReference(container, toScalarConfiguration({ documentUrl, sandboxUrl, readKey }));
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
