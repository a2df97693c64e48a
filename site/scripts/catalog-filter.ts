import { readClientMessages } from '../i18n/client.ts';
import {
  filterFields,
  isEmptyState,
  matchesFilters,
  parseFilterState,
  toQueryString,
  type CardFacets,
  type FilterState,
} from './catalog-filter-state.ts';

/**
 * Filters the catalog's cards in place as the form changes, and keeps the query string in step
 * so the view can be shared or reloaded. No framework: a few hundred bytes over the form.
 */
export function startCatalogFilter(): void {
  const form = document.querySelector<HTMLFormElement>('#catalog-filters');
  const count = document.querySelector<HTMLElement>('#catalog-count');
  const empty = document.querySelector<HTMLElement>('#catalog-empty');
  if (!form || !count || !empty) return;
  const cards = [...document.querySelectorAll<HTMLElement>('#catalog-cards > li')].map((card) => ({
    card,
    facets: readFacets(card),
  }));

  const apply = (state: FilterState): void => {
    let shown = 0;
    for (const { card, facets } of cards) {
      const match = matchesFilters(facets, state);
      card.hidden = !match;
      if (match) shown += 1;
    }
    empty.hidden = shown > 0;
    const say = readClientMessages();
    count.textContent = isEmptyState(state)
      ? say.count(cards.length, ...say.apis)
      : say.matching(shown, cards.length);
  };

  const readForm = (): FilterState =>
    parseFilterState(
      new URLSearchParams(
        [...new FormData(form).entries()].flatMap(([key, value]) =>
          typeof value === 'string' ? [[key, value]] : [],
        ),
      ),
    );

  const initial = parseFilterState(window.location.search);
  writeForm(form, initial);
  apply(initial);

  const update = (): void => {
    const state = readForm();
    apply(state);
    const url = `${window.location.pathname}${toQueryString(state)}${window.location.hash}`;
    window.history.replaceState(null, '', url);
  };
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
}

function readFacets(card: HTMLElement): CardFacets {
  try {
    return JSON.parse(card.dataset.facets ?? '') as CardFacets;
  } catch {
    return { tag: [], owner: [], lifecycle: [], visibility: [] };
  }
}

function writeForm(form: HTMLFormElement, state: FilterState): void {
  for (const field of filterFields) {
    for (const element of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
      `[name="${field}"]`,
    )) {
      if (element instanceof HTMLInputElement) {
        element.checked = state[field].includes(element.value);
      } else {
        element.value = state[field][0] ?? '';
      }
    }
  }
}
