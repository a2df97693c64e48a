import { followColourMode, readColourMode, showConsoleMode } from './console-colour-mode.ts';
import { readCredentials, requestSandboxToken } from './sandbox-credentials.ts';
import { toKeyHint } from './sandbox-keys.ts';
import { toScalarConfiguration, type ConsoleScheme } from './scalar-configuration.ts';

/** Scalar's standalone module, as far as the portal uses it. */
interface ScalarModule {
  createApiReference: (element: HTMLElement, configuration: Record<string, unknown>) => unknown;
}

/**
 * Prepares the interactive console on the reference page: tells the partner which credentials
 * will be sent and shows the button that opens it. Scalar's bundle (780 KB gzipped) loads only
 * when that button is pressed, so the page itself stays light.
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
  if (apiId) {
    const { key, client } = readCredentials(readLocalStorage(), apiId);
    showKeyNotice(key, client?.clientId);
  }
}

/**
 * Gets an access token for the trial application's client when the version takes tokens, then
 * loads Scalar into the console's container, replacing the static text that stood there.
 */
async function openConsole(): Promise<void> {
  const container = document.querySelector<HTMLElement>('#console');
  if (!container) return;
  const { apiId, documentUrl, sandboxUrl, sandboxRoot, scalarUrl, schemes } = container.dataset;
  if (!apiId || !documentUrl || !sandboxUrl || !scalarUrl) return;

  const storage = readLocalStorage();
  const read = () => readCredentials(storage, apiId);
  const { client } = read();
  const consoleSchemes = parseSchemes(schemes);
  const root = toAbsolute(sandboxRoot ?? '');
  let token: string | undefined;
  if (client !== undefined && consoleSchemes.some((scheme) => scheme.credential === 'token')) {
    token = (await requestSandboxToken(root, client))?.token;
  }

  const scalar = (await import(/* @vite-ignore */ scalarUrl)) as ScalarModule;
  container.replaceChildren();
  container.classList.add('console-ready');
  const colourMode = readColourMode(
    document.documentElement,
    window.matchMedia('(prefers-color-scheme: dark)').matches,
  );
  scalar.createApiReference(
    container,
    toScalarConfiguration({
      documentUrl,
      sandboxUrl,
      tokenUrl: `${root}/oauth/token`,
      schemes: consoleSchemes,
      readKey: () => read().key,
      readClient: () => read().client,
      readToken: () => token,
      colourMode,
    }),
  );
  followColourMode((mode) => {
    showConsoleMode(document.body, mode);
  });
  // The button that had the focus is gone: the console takes it, for keyboards and readers.
  container.tabIndex = -1;
  container.focus();
}

function parseSchemes(raw: string | undefined): ConsoleScheme[] {
  try {
    const value = JSON.parse(raw ?? '[]') as unknown;
    return Array.isArray(value) ? (value as ConsoleScheme[]) : [];
  } catch {
    return [];
  }
}

/** A sandbox served beside the portal is a path: the token URL the console posts to is whole. */
function toAbsolute(url: string): string {
  return url.startsWith('/') ? `${location.origin}${url}` : url;
}

function showKeyNotice(key: string | undefined, clientId: string | undefined): void {
  const missing = document.querySelector<HTMLElement>('#key-missing');
  const present = document.querySelector<HTMLElement>('#key-present');
  if (key === undefined) {
    if (missing) missing.hidden = false;
    return;
  }
  if (!present) return;
  const hint = present.querySelector('[data-key-hint]');
  if (hint) hint.textContent = toKeyHint(key);
  const clientLine = present.querySelector<HTMLElement>('[data-client-line]');
  const clientHint = present.querySelector('[data-client-hint]');
  if (clientLine && clientHint && clientId !== undefined) {
    clientHint.textContent = clientId;
    clientLine.hidden = false;
  }
  present.hidden = false;
}

function readLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
