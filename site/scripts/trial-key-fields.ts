import type { FieldProblem } from './trial-key-client.ts';

/**
 * The trial-key form's fields: the checks made before sending (so an empty form costs no
 * request), and the gateway's `errors[]` placed next to the field each one names.
 */

/** Members of the request body that have an input of their own. */
export const fieldNames = ['application', 'email', 'acceptTerms'] as const;

/** One of those members. */
export type FieldName = (typeof fieldNames)[number];

/** What the partner filled in. */
export interface FieldValues {
  application: string;
  email: string;
  acceptTerms: boolean;
}

/** A message to show next to one field. */
export interface FieldMessage {
  field: FieldName;
  message: string;
}

/**
 * The checks a browser can make without the gateway. They are looser than the gateway's (an
 * address only needs an `@` here): the gateway's answer is the one that counts.
 */
export function checkFields(values: FieldValues): FieldMessage[] {
  const messages: FieldMessage[] = [];
  if (values.application.trim().length < 2) {
    messages.push({
      field: 'application',
      message: 'Enter the name of your application (at least 2 characters).',
    });
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) {
    messages.push({ field: 'email', message: 'Enter an email address, such as dev@example.org.' });
  }
  if (!values.acceptTerms) {
    messages.push({ field: 'acceptTerms', message: 'Accept the sandbox terms to get a key.' });
  }
  return messages;
}

/**
 * Sorts the gateway's field errors: those naming a field of the form go next to it, the others
 * (`#/api`, the body as a whole) are shown with the refusal.
 */
export function placeFieldProblems(errors: readonly FieldProblem[]): {
  fields: FieldMessage[];
  others: string[];
} {
  const fields: FieldMessage[] = [];
  const others: string[] = [];
  for (const error of errors) {
    const member = /^#\/([^/]+)$/.exec(error.pointer)?.[1];
    const field = fieldNames.find((name) => name === member);
    if (field) fields.push({ field, message: toSentence(error.detail) });
    else others.push(`${member ?? 'The request'} ${error.detail}`);
  }
  return { fields, others };
}

/** `is required` → `Is required.`: the gateway's details follow a field name; here they stand alone. */
export function toSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
