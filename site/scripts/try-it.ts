import { readClientMessages } from '../i18n/client.ts';
import { shellCurl } from '@scalar/snippetz/plugins/shell/curl';
import type { SecurityRequirement } from '../../catalog/reference/reference-model.ts';
import { toHarRequest, toRequestUrl, type RequestBody, type RequestDraft } from './har-request.ts';
import { toCredentialFields } from './sandbox-credentials.ts';
import { toKeyHint } from './sandbox-keys.ts';

/** What "try it" needs to know about the page it is on. */
export interface TryItSettings {
  /** The key the browser holds for this API, read each time a form is opened or sent. */
  readKey: () => string | undefined;
  /** The version's sandbox base URL as the page prints it (a path alone on a preview). */
  sandboxUrl: string;
  announce: (message: string) => void;
}

/** How much of an answer's body is shown: the sandbox's answers are far smaller. */
const bodyLimit = 200_000;

/**
 * Enhances every "try it" of the page: shows it, tells whether a key will be sent, and sends the
 * form to the sandbox, showing status, headers, the body pretty-printed and the same request
 * with curl (the key as a placeholder: it is shown once, when issued).
 */
export function startTryIt(root: ParentNode, settings: TryItSettings): void {
  for (const details of root.querySelectorAll<HTMLDetailsElement>('details[data-try-it]')) {
    const form = details.querySelector<HTMLFormElement>('form[data-try-form]');
    if (!form) continue;
    details.hidden = false;
    details.addEventListener('toggle', () => {
      if (details.open) describeKey(details, settings.readKey());
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void send(details, form, settings);
    });
  }
}

function describeKey(details: HTMLElement, key: string | undefined): void {
  const note = details.querySelector('[data-try-key]');
  if (!note) return;
  note.textContent =
    key === undefined ? readClientMessages().tryNoKey : readClientMessages().tryKey(toKeyHint(key));
}

/** The request the form describes, with `apiKey` (or the placeholder) as its credentials. */
export function readTryForm(
  form: HTMLFormElement,
  baseUrl: string,
  apiKey: string | undefined,
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
    credentials: toCredentialFields(
      apiKey === undefined ? {} : { apiKey },
      parseSecurity(form.dataset.security),
    ),
  };
}

function toBody(mediaType: string, text: string): RequestBody {
  if (mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data') {
    return { mediaType, fields: [...new URLSearchParams(text)] };
  }
  return { mediaType, text };
}

function parseSecurity(raw: string | undefined): SecurityRequirement[] {
  try {
    const value: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(value) ? (value as SecurityRequirement[]) : [];
  } catch {
    return [];
  }
}

async function send(
  details: HTMLElement,
  form: HTMLFormElement,
  settings: TryItSettings,
): Promise<void> {
  const key = settings.readKey();
  describeKey(details, key);
  const draft = readTryForm(form, settings.sandboxUrl, key);
  const result = details.querySelector<HTMLElement>('[data-try-result]');
  const show = (selector: string, text: string): void => {
    const target = result?.querySelector(selector);
    if (target) target.textContent = text;
  };
  // The curl shown carries the placeholder and an absolute URL, as a terminal needs.
  const shown = readTryForm(form, new URL(settings.sandboxUrl, location.href).href, undefined);
  show('[data-try-curl]', shellCurl.generate(toHarRequest(shown)));
  if (result) result.hidden = false;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) button.disabled = true;
  try {
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
