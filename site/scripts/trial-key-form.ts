import { readCredentials, storeClient, type StoredClient } from './sandbox-credentials.ts';
import { forgetKey, storeKey, toKeyHint } from './sandbox-keys.ts';
import { credentialsChangedEvent } from './fill-commands.ts';
import { startCredentialActions } from './trial-credential-actions.ts';
import {
  requestTrialKey,
  toProblemPageUrl,
  type IssuedKey,
  type Refusal,
  type TrialKeyOutcome,
} from './trial-key-client.ts';
import {
  checkFields,
  fieldNames,
  placeFieldProblems,
  type FieldMessage,
  type FieldName,
} from './trial-key-fields.ts';

/** The elements of `TrialKeyForm.astro` the script drives. */
interface FormParts {
  form: HTMLFormElement;
  submit: HTMLButtonElement;
  status: HTMLElement;
  message: HTMLElement;
  stored: HTMLElement;
  result: HTMLElement;
  inputs: Record<FieldName, HTMLInputElement>;
}

/** What the form knows from its container's data attributes. */
interface FormSettings {
  apiId: string;
  sandboxUrl: string;
  problemsUrl: string;
  /** Plan name → how the plan reads with its quota. */
  plans: Record<string, string>;
}

const inputIds: Readonly<Record<FieldName, string>> = {
  application: 'trial-application',
  email: 'trial-email',
  acceptTerms: 'trial-terms',
};

/**
 * Turns the static "Get a trial key" block into a working form: shows the form (hidden for
 * visitors without JavaScript, who read the command-line route instead), says when this browser
 * already holds a key, sends the request and shows the key once, the refusal, or why the
 * sandbox could not be reached.
 */
export function startTrialKeyForm(root: ParentNode): void {
  const container = root.querySelector<HTMLElement>('#trial-key');
  const parts = container ? findParts(container) : undefined;
  const settings = container ? readSettings(container) : undefined;
  if (!container || !parts || !settings) return;
  const storage = readLocalStorage();

  for (const fallback of container.querySelectorAll<HTMLElement>('[data-trial-key-fallback]'))
    fallback.hidden = true;
  parts.form.hidden = false;
  const stored = readCredentials(storage, settings.apiId);
  showStoredKey(parts, stored.key, stored.client);

  const forget = (): void => {
    forgetKey(storage, settings.apiId);
    storeClient(storage, settings.apiId, undefined);
    showStoredKey(parts, undefined, undefined);
  };
  parts.stored.querySelector('[data-forget-key]')?.addEventListener('click', () => {
    forget();
    parts.status.textContent = 'The key is forgotten: this browser no longer sends it.';
    parts.inputs.application.focus();
  });
  startCredentialActions(parts.stored, {
    sandboxUrl: settings.sandboxUrl,
    readClient: () => readCredentials(storage, settings.apiId).client,
    onRotated: (client) => storeClient(storage, settings.apiId, client),
    onRevoked: () => {
      forget();
      parts.status.textContent =
        'The credentials are revoked: the key, the client and its tokens no longer work. Ask for new ones below.';
    },
    showMessage: (content) => {
      showMessage(parts, content);
    },
  });

  parts.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(parts, settings, storage);
  });
}

async function submit(
  parts: FormParts,
  settings: FormSettings,
  storage: Storage | undefined,
): Promise<void> {
  clearMessages(parts);
  const values = {
    application: parts.inputs.application.value,
    email: parts.inputs.email.value,
    acceptTerms: parts.inputs.acceptTerms.checked,
  };
  const mistakes = checkFields(values);
  if (mistakes.length > 0) {
    showFieldMessages(parts, mistakes);
    showMessage(parts, [text('strong', 'Check the form: '), toCountText(mistakes.length)]);
    return;
  }
  parts.submit.disabled = true;
  parts.status.textContent = 'Asking the sandbox for a key…';
  let outcome: TrialKeyOutcome;
  try {
    outcome = await requestTrialKey(
      {
        ...values,
        application: values.application.trim(),
        email: values.email.trim(),
        api: settings.apiId,
      },
      { sandboxUrl: settings.sandboxUrl },
    );
  } finally {
    parts.submit.disabled = false;
    parts.status.textContent = '';
  }
  switch (outcome.kind) {
    case 'issued':
      showIssuedKey(
        parts,
        settings,
        outcome.issued,
        storeKey(storage, settings.apiId, outcome.issued.key) &&
          storeClient(storage, settings.apiId, outcome.issued.client),
      );
      return;
    case 'refused':
      showRefusal(parts, settings, outcome.refusal);
      return;
    case 'unreachable':
      showMessage(parts, [
        text('strong', 'The sandbox is not running: '),
        `nothing answers at ${settings.sandboxUrl}. Start it with `,
        text('code', 'npm run sandbox'),
        ', then try again.',
      ]);
      return;
    case 'origin-refused':
      showMessage(parts, [
        text('strong', 'The sandbox refuses this page: '),
        `it answers at ${settings.sandboxUrl} but not to pages from ${location.origin}. Add this origin to its `,
        text('code', 'GUICHET_CORS_ORIGINS'),
        '.',
      ]);
      return;
    case 'timeout':
      showMessage(parts, [
        text('strong', 'The sandbox is not answering: '),
        'it took longer than 15 seconds. Try again in a moment.',
      ]);
      return;
  }
}

function showIssuedKey(
  parts: FormParts,
  settings: FormSettings,
  issued: IssuedKey,
  saved: boolean,
): void {
  const { result } = parts;
  const value = result.querySelector('#trial-key-value');
  if (value) value.textContent = issued.key;
  const clientLines = result.querySelector<HTMLElement>('[data-client-lines]');
  if (clientLines) {
    clientLines.hidden = issued.client === undefined;
    const id = result.querySelector('#trial-client-id');
    const secret = result.querySelector('#trial-client-secret');
    if (id) id.textContent = issued.client?.clientId ?? '';
    if (secret) secret.textContent = issued.client?.clientSecret ?? '';
  }
  const plan = result.querySelector('[data-key-plan]');
  if (plan) {
    const quota = settings.plans[issued.plan] ?? `${issued.plan} plan`;
    plan.textContent = saved
      ? `${quota}. This browser saved the key and the client for the console and the commands on this page.`
      : `${quota}. This browser could not save the key: copy it before you leave the page.`;
  }
  const pending = result.querySelector<HTMLElement>('[data-key-pending]');
  if (pending) pending.hidden = issued.status !== 'pending';
  parts.stored.hidden = true;
  parts.form.reset();
  result.hidden = false;
  result.querySelector<HTMLElement>('#trial-key-result-heading')?.focus();
  document.dispatchEvent(new CustomEvent(credentialsChangedEvent));
}

function showRefusal(parts: FormParts, settings: FormSettings, refusal: Refusal): void {
  const { fields, others } = placeFieldProblems(refusal.errors);
  showFieldMessages(parts, fields);
  const link = toProblemPageUrl(refusal.type, settings.problemsUrl);
  const lines: (Node | string)[] = [text('strong', refusal.title)];
  if (refusal.detail) lines.push(` — ${refusal.detail}`);
  for (const other of others) lines.push(document.createElement('br'), other);
  if (link && refusal.type) {
    const anchor = text('a', refusal.type);
    anchor.setAttribute('href', link);
    lines.push(document.createElement('br'), 'What it means and what to do: ', anchor);
  }
  showMessage(parts, lines);
}

function showFieldMessages(parts: FormParts, messages: readonly FieldMessage[]): void {
  for (const { field, message } of messages) {
    const input = parts.inputs[field];
    input.setAttribute('aria-invalid', 'true');
    markField(input, true);
    const error = parts.form.querySelector(`#${inputIds[field]}-error`);
    if (error) error.textContent = message;
  }
  const first = fieldNames.find((name) => messages.some((message) => message.field === name));
  if (first) parts.inputs[first].focus();
}

/** Gives a field's group the theme's class of a refused value (`fr-input-group--error`), or takes it away. */
function markField(input: HTMLInputElement, invalid: boolean): void {
  const group = input.closest<HTMLElement>('[data-invalid-class]');
  const name = group?.dataset.invalidClass;
  if (group && name) group.classList.toggle(name, invalid);
}

function showMessage(parts: FormParts, content: readonly (Node | string)[]): void {
  const paragraph = document.createElement('p');
  paragraph.append(...content);
  parts.message.replaceChildren(paragraph);
  parts.message.classList.add('message-shown');
}

function clearMessages(parts: FormParts): void {
  parts.message.replaceChildren();
  parts.message.classList.remove('message-shown');
  for (const name of fieldNames) {
    parts.inputs[name].removeAttribute('aria-invalid');
    markField(parts.inputs[name], false);
    const error = parts.form.querySelector(`#${inputIds[name]}-error`);
    if (error) error.textContent = '';
  }
}

function showStoredKey(
  parts: FormParts,
  key: string | undefined,
  client: StoredClient | undefined,
): void {
  parts.stored.hidden = key === undefined;
  const hint = parts.stored.querySelector('[data-key-hint]');
  if (hint && key !== undefined) hint.textContent = toKeyHint(key);
  const clientLine = parts.stored.querySelector<HTMLElement>('[data-client-hint-line]');
  if (clientLine) clientLine.hidden = client === undefined;
  const clientHint = parts.stored.querySelector('[data-client-hint]');
  if (clientHint && client !== undefined) clientHint.textContent = client.clientId;
  const actions = parts.stored.querySelector<HTMLElement>('[data-client-actions]');
  if (actions) actions.hidden = client === undefined;
  document.dispatchEvent(new CustomEvent(credentialsChangedEvent));
}

function toCountText(count: number): string {
  return count === 1 ? 'one field needs a change.' : `${String(count)} fields need a change.`;
}

function text<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  content: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.textContent = content;
  return element;
}

function findParts(container: HTMLElement): FormParts | undefined {
  const form = container.querySelector<HTMLFormElement>('#trial-key-form');
  const submit = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  const status = container.querySelector<HTMLElement>('#trial-key-status');
  const message = container.querySelector<HTMLElement>('#trial-key-message');
  const stored = container.querySelector<HTMLElement>('#trial-key-stored');
  const result = container.querySelector<HTMLElement>('#trial-key-result');
  const application = container.querySelector<HTMLInputElement>(`#${inputIds.application}`);
  const email = container.querySelector<HTMLInputElement>(`#${inputIds.email}`);
  const acceptTerms = container.querySelector<HTMLInputElement>(`#${inputIds.acceptTerms}`);
  if (!form || !submit || !status || !message || !stored || !result) return undefined;
  if (!application || !email || !acceptTerms) return undefined;
  return {
    form,
    submit,
    status,
    message,
    stored,
    result,
    inputs: { application, email, acceptTerms },
  };
}

function readSettings(container: HTMLElement): FormSettings | undefined {
  const { apiId, sandboxUrl, problemsUrl, plans } = container.dataset;
  if (!apiId || !sandboxUrl || !problemsUrl) return undefined;
  let parsed: Record<string, string> = {};
  try {
    const value = JSON.parse(plans ?? '{}') as unknown;
    if (typeof value === 'object' && value !== null) parsed = value as Record<string, string>;
  } catch {
    // The plans only word the result; a key is still worth showing without them.
  }
  return { apiId, sandboxUrl, problemsUrl, plans: parsed };
}

function readLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
