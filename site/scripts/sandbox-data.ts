import { readClientMessages } from '../i18n/client.ts';
import { keyHeaderName, readStoredKey } from './sandbox-keys.ts';

/**
 * The "Reset my sandbox data" button of `SandboxData.astro`: sends
 * `DELETE <sandbox>/<api>/<version>/_guichet/data` with the key this browser keeps for the API,
 * and says what happened. Without a key there is nothing of the partner's to reset.
 */
export function startSandboxDataReset(root: ParentNode): void {
  const container = root.querySelector<HTMLElement>('#sandbox-data');
  const button = container?.querySelector<HTMLButtonElement>('[data-sandbox-reset]');
  const status = container?.querySelector<HTMLElement>('#sandbox-data-status');
  const apiId = container?.dataset.apiId;
  const url = container?.dataset.dataUrl;
  if (!container || !button || !status || !apiId || !url) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    const key = readStoredKey(readStorage(), apiId);
    if (!key) {
      status.textContent = readClientMessages().resetNoKey;
      return;
    }
    button.disabled = true;
    status.textContent = readClientMessages().resetting;
    void resetData(url, key).then((message) => {
      status.textContent = message;
      button.disabled = false;
    });
  });
}

async function resetData(url: string, key: string): Promise<string> {
  try {
    const response = await fetch(url, { method: 'DELETE', headers: { [keyHeaderName]: key } });
    if (response.status === 204) {
      return readClientMessages().resetDone;
    }
    const problem = (await response.json().catch(() => ({}))) as { title?: unknown };
    const title =
      typeof problem.title === 'string' ? problem.title : `status ${String(response.status)}`;
    return readClientMessages().refused(title);
  } catch {
    return readClientMessages().unreachable;
  }
}

function readStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage can be disabled: then no key is kept.
    return undefined;
  }
}
