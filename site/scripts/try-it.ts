import { readClientMessages } from '../i18n/client.ts';
import { shellCurl } from '@scalar/snippetz/plugins/shell/curl';
import { toHarRequest, toRequestUrl, type RequestBody, type RequestDraft } from './har-request.ts';
import type { CredentialNeed } from '../../catalog/sandbox-credentials.ts';
import {
  findTokenNeed,
  requestSandboxToken,
  toCredentialFields,
  type CallCredentials,
  type StoredCredentials,
} from './sandbox-credentials.ts';
import { toKeyHint } from './sandbox-keys.ts';

/** What "try it" needs to know about the page it is on. */
export interface TryItSettings {
  /** The key and client the browser holds for this API, read each time a form is opened or sent. */
  read: () => StoredCredentials;
  /** The version's sandbox base URL as the page prints it (a path alone on a preview). */
  sandboxUrl: string;
  /** The sandbox's root, where its token endpoint answers (a path alone on a preview). */
  sandboxRoot: string;
  announce: (message: string) => void;
}

/** How much of an answer's body is shown: the sandbox's answers are far smaller. */
const bodyLimit = 200_000;

/**
 * Enhances every "try it" of the page: shows it, tells which credentials will be sent, and sends
 * the form to the sandbox with what the operation's security asks for (the key where the
 * document puts it, an access token fetched for the trial application's client, or the client
 * by HTTP basic), showing status, headers, the body pretty-printed and the same request with
 * curl (the credentials as placeholders: they are shown once, when issued).
 */
export function startTryIt(root: ParentNode, settings: TryItSettings): void {
  for (const details of root.querySelectorAll<HTMLDetailsElement>('details[data-try-it]')) {
    const form = details.querySelector<HTMLFormElement>('form[data-try-form]');
    if (!form) continue;
    details.hidden = false;
    details.addEventListener('toggle', () => {
      if (details.open) describeCredentials(details, form, settings.read());
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void send(details, form, settings);
    });
  }
}

function describeCredentials(
  details: HTMLElement,
  form: HTMLFormElement,
  held: StoredCredentials,
): void {
  const note = details.querySelector('[data-try-key]');
  if (note) note.textContent = toCredentialsNote(readNeeds(form), held);
}

/** What the form's note says will be sent, or where to get what is missing. */
export function toCredentialsNote(
  needs: readonly CredentialNeed[],
  held: StoredCredentials,
): string {
  const m = readClientMessages();
  if (needs.length === 0) return m.tryOpen;
  const parts: string[] = [];
  for (const need of needs) {
    if (need.kind === 'key') {
      if (held.key === undefined) return m.tryMissing;
      parts.push(m.tryKeyIn(toKeyHint(held.key), need.name));
    } else {
      if (held.client === undefined) return m.tryMissing;
      parts.push(
        need.kind === 'token'
          ? m.tryToken(held.client.clientId)
          : m.tryClient(held.client.clientId),
      );
    }
  }
  return m.trySent(parts);
}

/** The request the form describes, with `credentials` (else placeholders) where its security puts them. */
export function readTryForm(
  form: HTMLFormElement,
  baseUrl: string,
  credentials: CallCredentials,
  inBrowser = false,
): RequestDraft {
  const pathValues: Record<string, string> = {};
  const query: [string, string][] = [];
  const headers: [string, string][] = [];
  for (const input of form.querySelectorAll<HTMLInputElement>('input[data-in]')) {
    const { in: where, name = '' } = input.dataset;
    if (input.value === '') continue;
    if (where === 'path') pathValues[name] = input.value;
    else if (where === 'query') query.push([name, input.value]);
    else if (where === 'header') headers.push([name, input.value]);
  }
  const editor = form.querySelector<HTMLTextAreaElement>('textarea[data-body]');
  const body = editor
    ? toBody(editor.dataset.mediaType ?? 'application/json', editor.value)
    : undefined;
  return {
    method: form.dataset.method ?? 'GET',
    baseUrl,
    path: form.dataset.path ?? '/',
    pathValues,
    query,
    headers,
    ...(body === undefined ? {} : { body }),
    credentials: toCredentialFields(credentials, readNeeds(form), inBrowser),
  };
}

function toBody(mediaType: string, text: string): RequestBody {
  if (mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data') {
    return { mediaType, fields: [...new URLSearchParams(text)] };
  }
  return { mediaType, text };
}

/** The needs the page wrote on the form (`data-credentials`); anything malformed counts as none. */
function readNeeds(form: HTMLFormElement): CredentialNeed[] {
  try {
    const value: unknown = JSON.parse(form.dataset.credentials ?? '[]');
    return Array.isArray(value) ? (value as CredentialNeed[]) : [];
  } catch {
    return [];
  }
}

async function send(
  details: HTMLElement,
  form: HTMLFormElement,
  settings: TryItSettings,
): Promise<void> {
  const held = settings.read();
  describeCredentials(details, form, held);
  const result = details.querySelector<HTMLElement>('[data-try-result]');
  const show = (selector: string, text: string): void => {
    const target = result?.querySelector(selector);
    if (target) target.textContent = text;
  };
  // The curl shown carries placeholders and an absolute URL, as a terminal needs.
  const shown = readTryForm(form, new URL(settings.sandboxUrl, location.href).href, {});
  show('[data-try-curl]', shellCurl.generate(toHarRequest(shown)));
  if (result) result.hidden = false;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) button.disabled = true;
  try {
    const token = await fetchToken(readNeeds(form), held, settings.sandboxRoot);
    const draft = readTryForm(form, settings.sandboxUrl, { ...held, token }, true);
    const response = await fetch(toRequestUrl(draft), toFetchInit(draft));
    const status = `${String(response.status)}${response.statusText ? ` ${response.statusText}` : ''}`;
    show('[data-try-status]', status);
    show(
      '[data-try-headers]',
      [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n'),
    );
    show('[data-try-body]', toBodyText(await response.text(), response.headers));
    settings.announce(readClientMessages().answered(status));
  } catch (error) {
    // The browser refused to send (a header value it forbids) or the sandbox is unreachable.
    const message = readClientMessages().notSent(
      error instanceof Error ? error.message : String(error),
    );
    show('[data-try-status]', message);
    show('[data-try-headers]', '');
    show('[data-try-body]', '');
    settings.announce(message);
  } finally {
    if (button) button.disabled = false;
  }
}

/**
 * An access token for the client with the operation's scopes, when the operation takes one and
 * a client is held; a refusal is said rather than sent as a call bound to fail.
 */
async function fetchToken(
  needs: readonly CredentialNeed[],
  held: StoredCredentials,
  sandboxRoot: string,
): Promise<string | undefined> {
  const need = findTokenNeed(needs);
  if (!need || !held.client) return undefined;
  const root = sandboxRoot.startsWith('/') ? `${location.origin}${sandboxRoot}` : sandboxRoot;
  const scope = need.scopes.length === 0 ? undefined : need.scopes.join(' ');
  const issued = await requestSandboxToken(root, held.client, scope);
  if (!issued) {
    throw new Error(
      'the sandbox issued no access token for your client (its secret rotated or revoked?): get new credentials in the sandbox section.',
    );
  }
  return issued.token;
}

function toFetchInit(draft: RequestDraft): RequestInit {
  const headers = new Headers([...draft.headers, ...draft.credentials.headers]);
  const { body } = draft;
  let payload: BodyInit | null = null;
  if (body && 'fields' in body) {
    if (body.mediaType === 'multipart/form-data') {
      // The browser writes the boundary into Content-Type itself.
      const data = new FormData();
      for (const [name, value] of body.fields) data.append(name, value);
      payload = data;
    } else {
      payload = new URLSearchParams(body.fields);
    }
  } else if (body) {
    if (!headers.has('content-type')) headers.set('content-type', body.mediaType);
    payload = body.text;
  }
  return { method: draft.method, headers, body: payload, credentials: 'omit' };
}

/** JSON pretty-printed, anything else as it came; cut past `bodyLimit` characters. */
function toBodyText(text: string, headers: Headers): string {
  let shown = text;
  if (/\bjson\b|\+json/.test(headers.get('content-type') ?? '')) {
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON after all: shown as it came.
    }
  }
  return shown.length > bodyLimit
    ? `${shown.slice(0, bodyLimit)}\n… (${String(shown.length - bodyLimit)} more characters)`
    : shown;
}
