import { readClientMessages } from '../i18n/client.ts';
import { toExactSearchWords } from './search-words.ts';
import { olderReleaseFilter, rankResults } from './search-ranking.ts';
import {
  parseSearchState,
  searchFilterNames,
  splitExcerpt,
  toSearchQueryString,
  type PagefindResultData,
  type PagefindSubResult,
  type SearchState,
} from './search-results.ts';

/** Pagefind's browser API, as far as the search page uses it. */
interface PagefindModule {
  options: (options: { baseUrl?: string; excerptLength?: number }) => Promise<void>;
  init: () => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number> | undefined>>;
  search: (
    query: string | null,
    options?: { filters?: Record<string, string> },
  ) => Promise<{ results: { id: string; data: () => Promise<PagefindResultData> }[] } | null>;
}

/** Results shown at once; the rest come with "Show more". */
const pageSize = 10;

/**
 * The search page: loads Pagefind's script and index (only here), runs the query from the URL,
 * and searches again as the partner types or picks a filter, keeping the URL in step.
 */
export async function startSearchPage(): Promise<void> {
  const form = document.querySelector<HTMLFormElement>('#search-page-form');
  const input = document.querySelector<HTMLInputElement>('#search-query');
  const status = document.querySelector<HTMLElement>('#search-status');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  const more = document.querySelector<HTMLButtonElement>('#search-more');
  const { pagefindUrl, base } = form?.dataset ?? {};
  if (!form || !input || !status || !list || !more || !pagefindUrl || !base) return;

  const pagefind = (await import(/* @vite-ignore */ pagefindUrl)) as PagefindModule;
  await pagefind.options({ baseUrl: base, excerptLength: 24 });
  await pagefind.init();
  fillFilters(form, await pagefind.filters());

  const state = parseSearchState(window.location.search);
  input.value = state.query;
  writeFilters(form, state);

  let latest = 0;
  const run = async (current: SearchState): Promise<void> => {
    const ticket = (latest += 1);
    list.replaceChildren();
    more.hidden = true;
    if (current.query === '' && Object.keys(current.filters).length === 0) {
      status.textContent = readClientMessages().searchPrompt;
      list.setAttribute('aria-busy', 'false');
      return;
    }
    // Busy until the first batch is listed: assistive technologies (and tests) wait for it.
    list.setAttribute('aria-busy', 'true');
    status.textContent = readClientMessages().searching;
    const filters = Object.fromEntries(
      Object.entries(current.filters).filter((entry): entry is [string, string] => !!entry[1]),
    );
    const results = await searchExactFirst(pagefind, current.query, filters);
    if (ticket !== latest) return;
    status.textContent =
      results.length === 0
        ? readClientMessages().noResult(current.query)
        : `${readClientMessages().count(results.length, ...readClientMessages().pages)}.`;
    let shown = 0;
    const showNext = async (): Promise<void> => {
      const batch = await Promise.all(
        results.slice(shown, shown + pageSize).map((result) => result.data()),
      );
      if (ticket !== latest) return;
      for (const { data, sections } of rankResults(batch, current.query)) {
        list.append(renderResult(data, sections));
      }
      shown += batch.length;
      more.hidden = shown >= results.length;
      list.setAttribute('aria-busy', 'false');
    };
    more.onclick = () => void showNext();
    await showNext();
  };

  const update = (): void => {
    const current = readState(form, input);
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${toSearchQueryString(current)}`,
    );
    void run(current);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });
  form.addEventListener('change', (event) => {
    if (event.target !== input) update();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
  await run(state);
}

type PagefindResults = NonNullable<Awaited<ReturnType<PagefindModule['search']>>>['results'];

/**
 * The pages holding the query as an operation's very path or summary (its search word, searched
 * exactly), then the others Pagefind finds for the query's words, each page once.
 */
async function searchExactFirst(
  pagefind: PagefindModule,
  query: string,
  filters: Record<string, string>,
): Promise<PagefindResults> {
  if (query === '') return (await pagefind.search(null, { filters }))?.results ?? [];
  const found: PagefindResults = [];
  // One after the other: each search loads the index chunks it needs into the one instance.
  for (const term of [...toExactSearchWords(query).map((word) => `"${word}"`), query]) {
    found.push(...((await pagefind.search(term, { filters }))?.results ?? []));
  }
  const seen = new Set<string>();
  return found.filter((result) => !seen.has(result.id) && seen.add(result.id));
}

function readState(form: HTMLFormElement, input: HTMLInputElement): SearchState {
  const filters: SearchState['filters'] = {};
  for (const name of searchFilterNames) {
    const select = form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    if (select?.value) filters[name] = select.value;
  }
  return { query: input.value.trim(), filters };
}

function writeFilters(form: HTMLFormElement, state: SearchState): void {
  for (const name of searchFilterNames) {
    const select = form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    if (select) select.value = state.filters[name] ?? '';
  }
}

function fillFilters(
  form: HTMLFormElement,
  available: Record<string, Record<string, number> | undefined>,
): void {
  for (const name of searchFilterNames) {
    const select = form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    const values = available[name];
    if (!select || !values) continue;
    for (const [value, count] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b))) {
      select.append(new Option(`${value} (${String(count)})`, value));
    }
    const wrapper = select.closest<HTMLElement>('[data-filter]');
    if (wrapper) wrapper.hidden = Object.keys(values).length === 0;
  }
}

function renderResult(data: PagefindResultData, subs: PagefindSubResult[]): HTMLLIElement {
  const item = document.createElement('li');
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  item.append(heading);
  const label =
    data.meta.kind === 'guide'
      ? readClientMessages().guide
      : data.meta.version
        ? readClientMessages().version(data.meta.version, toReleaseState(data))
        : undefined;
  if (label) {
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = label;
    item.append(meta);
  }
  if (subs.length === 0) {
    item.append(renderExcerpt(data.excerpt));
    return item;
  }
  const nested = document.createElement('ul');
  for (const sub of subs) {
    const entry = document.createElement('li');
    const subLink = document.createElement('a');
    subLink.href = sub.url;
    subLink.textContent = sub.title;
    entry.append(subLink, renderExcerpt(sub.excerpt));
    nested.append(entry);
  }
  item.append(nested);
  return item;
}

/** Whether a version page's result says it is an older or a deprecated version. */
function toReleaseState(data: PagefindResultData): 'deprecated' | 'older' | undefined {
  if (data.filters?.lifecycle?.includes('deprecated')) return 'deprecated';
  if (data.filters?.[olderReleaseFilter.name]?.includes(olderReleaseFilter.older)) return 'older';
  return undefined;
}

function renderExcerpt(excerpt: string): HTMLParagraphElement {
  const paragraph = document.createElement('p');
  for (const part of splitExcerpt(excerpt)) {
    if (!part.marked) {
      paragraph.append(part.text);
      continue;
    }
    const mark = document.createElement('mark');
    mark.textContent = part.text;
    paragraph.append(mark);
  }
  return paragraph;
}
