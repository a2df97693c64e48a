import { readClientMessages } from '../i18n/client.ts';
import { parseStoredKeys, storedKeysName, toKeyHint } from './sandbox-keys.ts';
import {
  renderConsumerReport,
  renderOwnerReport,
  type ConsumerReport,
  type OwnerReport,
} from './usage-report.ts';
import { createUsageFormat } from './usage-tables.ts';

/**
 * The usage pages' one script: the owners' (`/usage/owners/`, the admin token typed in) and a
 * consumer's own (`/usage/`, the key this browser holds or one typed in). It reads the report
 * from the sandbox with that credential, sent in a header and kept nowhere, and fills the
 * page's tables and chart. `?api=` (and `version`, `consumer`, `operation` for owners) fill
 * the filters, so an API page links to its own figures; a consumer's page opened with a key
 * this browser holds shows them at once.
 */

const filterNames = {
  owner: ['api', 'version', 'consumer', 'operation'],
  consumer: ['api', 'version'],
};
/** The longest period a minute bucket covers (the sandbox refuses more: 7 days). */
const longestMinuteSeries = 10_080;

function valueOf(id: string): string {
  const element = document.getElementById(id);
  return element instanceof HTMLInputElement || element instanceof HTMLSelectElement
    ? element.value.trim()
    : '';
}

function readPlanLabels(form: HTMLElement): Record<string, string> {
  try {
    const value: unknown = JSON.parse(form.dataset.plans ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Starts the page's form. */
export function startUsagePage(): void {
  const form = document.getElementById('usage-form');
  const status = document.getElementById('usage-status');
  const results = document.getElementById('usage-results');
  const credential = document.getElementById('usage-credential');
  if (!(form instanceof HTMLFormElement) || !status || !results) return;
  if (!(credential instanceof HTMLInputElement)) return;
  const kind = form.dataset.usageKind === 'owner' ? 'owner' : 'consumer';
  const endpoint = form.dataset.endpoint ?? '';
  const m = readClientMessages().usage;
  const format = createUsageFormat();
  const plans = readPlanLabels(form);

  const tell = (text: string, isError = false): void => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };

  const params = new URLSearchParams(location.search);
  for (const name of filterNames[kind]) {
    const input = document.getElementById(`usage-${name}`);
    const value = params.get(name);
    if (input instanceof HTMLInputElement && value !== null) input.value = value.slice(0, 200);
  }
  startBucketLimits();
  const preselected = kind === 'consumer' && offerStoredKeys(credential, params.get('api'));

  const toQuery = (csv: boolean): string => {
    const query = new URLSearchParams();
    const to = Date.now();
    query.set('from', new Date(to - Number(valueOf('usage-period')) * 60_000).toISOString());
    query.set('to', new Date(to).toISOString());
    query.set('bucket', valueOf('usage-bucket'));
    for (const name of filterNames[kind]) {
      const value = valueOf(`usage-${name}`);
      if (value !== '') query.set(name, value);
    }
    if (kind === 'owner') query.set('limit', '20');
    if (csv) query.set('format', 'csv');
    return query.toString();
  };

  const read = async (csv: boolean): Promise<Response> => {
    const secret = credential.value.trim();
    const headers: Record<string, string> =
      kind === 'owner' ? { authorization: `Bearer ${secret}` } : { 'x-api-key': secret };
    let response: Response;
    try {
      response = await fetch(`${endpoint}?${toQuery(csv)}`, { headers });
    } catch {
      throw new Error(m.unreachable(endpoint));
    }
    if (response.ok) return response;
    let title = '';
    try {
      const problem = (await response.json()) as { title?: unknown; errors?: unknown };
      title = typeof problem.title === 'string' ? problem.title : '';
      if (Array.isArray(problem.errors)) {
        const errors = (problem.errors as { pointer?: unknown; detail?: unknown }[])
          .map((error) => `${String(error.pointer)} ${String(error.detail)}`)
          .join('; ');
        if (errors !== '') title = `${title} (${errors})`;
      }
    } catch {
      // Not a problem document: the status says enough.
    }
    throw new Error(m.refused(response.status, title || response.statusText));
  };

  const show = (): void => {
    if (credential.value.trim() === '') {
      tell(m.noKey, true);
      credential.focus();
      return;
    }
    tell(m.reading);
    read(false)
      .then(async (response) => {
        const report: unknown = await response.json();
        results.hidden = false;
        if (kind === 'owner') {
          renderOwnerReport(report as OwnerReport, format);
          tell(m.shownOwner);
        } else {
          const own = report as ConsumerReport;
          renderConsumerReport(own, format, plans);
          tell(m.shownConsumer(own.application, own.consumerId));
        }
      })
      .catch((error: unknown) => {
        results.hidden = true;
        tell(error instanceof Error ? error.message : String(error), true);
      });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  form.querySelector('[data-usage-csv]')?.addEventListener('click', () => {
    if (credential.value.trim() === '') {
      tell(m.noKey, true);
      return;
    }
    read(true)
      .then((response) => response.blob())
      .then((blob) => {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = kind === 'owner' ? 'guichet-usage.csv' : 'guichet-my-usage.csv';
        link.click();
        URL.revokeObjectURL(link.href);
        tell(m.csvDone);
      })
      .catch((error: unknown) => {
        tell(error instanceof Error ? error.message : String(error), true);
      });
  });
  if (preselected) show();
}

/**
 * Lists the keys this browser holds (the trial-key form's, per API) for the partner to pick,
 * preselecting `apiId`'s, else the first. Returns true when one was put in the field.
 */
function offerStoredKeys(credential: HTMLInputElement, apiId: string | null): boolean {
  const select = document.getElementById('usage-stored-key');
  const field = document.querySelector<HTMLElement>('[data-stored-keys]');
  if (!(select instanceof HTMLSelectElement) || !field) return false;
  let keys: Record<string, string>;
  try {
    keys = parseStoredKeys(localStorage.getItem(storedKeysName));
  } catch {
    keys = {};
  }
  const apis = Object.keys(keys).sort();
  if (apis.length === 0) return false;
  for (const api of apis) {
    const option = document.createElement('option');
    option.value = api;
    option.textContent = `${api} (${toKeyHint(keys[api] ?? '')})`;
    select.append(option);
  }
  field.hidden = false;
  select.addEventListener('change', () => {
    credential.value = select.value === '' ? '' : (keys[select.value] ?? '');
  });
  const chosen = apiId !== null && apis.includes(apiId) ? apiId : apis[0];
  select.value = chosen ?? '';
  credential.value = keys[select.value] ?? '';
  return credential.value !== '';
}

/** A minute bucket covers 7 days at most: past that, the period picks hours instead. */
function startBucketLimits(): void {
  const period = document.getElementById('usage-period');
  const bucket = document.getElementById('usage-bucket');
  if (!(period instanceof HTMLSelectElement) || !(bucket instanceof HTMLSelectElement)) return;
  const minute = bucket.querySelector<HTMLOptionElement>('option[value="minute"]');
  const apply = (): void => {
    const tooLong = Number(period.value) > longestMinuteSeries;
    if (minute) minute.disabled = tooLong;
    if (tooLong && bucket.value === 'minute') bucket.value = 'hour';
  };
  period.addEventListener('change', apply);
  apply();
}
