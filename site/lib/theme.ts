import { identity } from 'virtual:guichet/settings';

/**
 * The one place the look is chosen: components take their class names from `ui`, so a page is
 * written once and renders guichet's neutral theme or the DSFR (`theme: dsfr` in portal.yaml)
 * with the DSFR's own class names and markup.
 */

/** The theme of this build. */
export const theme = identity.theme;

/** Whether this build renders the Système de Design de l'État. */
export const isDsfr = theme === 'dsfr';

/** What a badge or an alert says by its colour. */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'error' | 'new';

/** The class names a component picks from. */
export interface ThemeClasses {
  /** The width-limited column of a page, and its full-width variant. */
  container: string;
  containerWide: string;
  /** Buttons, and links that look like one. */
  button: string;
  buttonSecondary: string;
  /** A list of tags, and each tag's own element (none in the neutral theme: the item is it). */
  tagList: string;
  tag: string | undefined;
  /** A small label of state. */
  badge: (tone: Tone) => string;
  /** A message that stands out: a deprecation, a warning. */
  alert: (tone: Tone) => string;
  /** A text or e-mail field with its label, hint and error. */
  field: string;
  fieldInvalid: string;
  input: string | undefined;
  label: string | undefined;
  hint: string;
  error: string;
  /** A checkbox with its label, and its group when its value is refused. */
  checkbox: string;
  checkboxInvalid: string;
  select: string | undefined;
  /** A data table's wrapper. */
  table: string;
  /** The list of API cards, and one card. */
  cardList: string;
  card: string;
}

const neutral: ThemeClasses = {
  container: 'wrap',
  containerWide: 'wrap wide',
  button: 'button',
  buttonSecondary: 'secondary',
  tagList: 'tags',
  tag: undefined,
  badge: (tone) => (tone === 'neutral' ? 'badge' : `badge tone-${tone}`),
  alert: () => 'warning',
  field: 'field',
  fieldInvalid: 'field-invalid',
  input: undefined,
  label: undefined,
  hint: 'field-hint',
  error: 'field-error',
  checkbox: 'field',
  checkboxInvalid: 'field-invalid',
  select: undefined,
  table: 'table-scroll',
  cardList: 'cards',
  card: 'card',
};

const dsfrTones: Record<Tone, string> = {
  neutral: '',
  info: ' fr-badge--info',
  success: ' fr-badge--success',
  warning: ' fr-badge--warning',
  error: ' fr-badge--error',
  new: ' fr-badge--new',
};

const dsfr: ThemeClasses = {
  container: 'fr-container',
  containerWide: 'fr-container fr-container--fluid',
  button: 'fr-btn',
  buttonSecondary: 'fr-btn fr-btn--secondary fr-btn--sm',
  tagList: 'fr-tags-group',
  tag: 'fr-tag fr-tag--sm',
  badge: (tone) => `fr-badge fr-badge--sm${dsfrTones[tone]}`,
  alert: (tone) =>
    `fr-alert fr-alert--sm fr-alert--${tone === 'neutral' || tone === 'new' ? 'info' : tone}`,
  field: 'fr-input-group',
  fieldInvalid: 'fr-input-group--error',
  input: 'fr-input',
  label: 'fr-label',
  hint: 'fr-hint-text field-hint',
  // `field-error` too: an empty message stays hidden (global.css) until the script fills it.
  error: 'fr-message fr-message--error field-error',
  checkbox: 'fr-checkbox-group',
  checkboxInvalid: 'fr-checkbox-group--error',
  select: 'fr-select',
  table: 'fr-table',
  cardList: 'cards',
  card: 'fr-card fr-enlarge-link',
};

/** The class names of this build's theme. */
export const ui: ThemeClasses = isDsfr ? dsfr : neutral;
