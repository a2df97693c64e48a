import type { ComponentSchema, ParameterLocation } from '../../../catalog/index.ts';
import type { CredentialNeed } from '../../../catalog/sandbox-credentials.ts';
import type { RequestDraft } from '../../scripts/har-request.ts';
import type { ReferenceEntry } from './plan-pages.ts';
import { toParameterText } from './request-draft.ts';

/** One field of an operation's "try it" form: a path, query or header parameter. */
export interface TryItField {
  /** Unique on the page: the operation's anchor and the field's position. */
  id: string;
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** Prefilled for a required parameter; an optional one starts empty, its example shown. */
  value: string;
  placeholder: string;
}

/** What the form of one operation is made of. */
export interface TryItForm {
  fields: TryItField[];
  /** The body editor's media type and starting text, as the code samples send it. */
  body?: { id: string; mediaType: string; text: string };
  /** What the operation's security asks of the partner's credentials, for the script to send. */
  needs: readonly CredentialNeed[];
}

/** Locations a browser can fill: cookies are the browser's own, so they are left out. */
const fillable = new Set<ParameterLocation>(['path', 'query', 'header']);

/**
 * The "try it" form of one operation, from the same draft as its code samples: required
 * parameters and the body prefilled with the document's examples, so sending it at once is the
 * request the samples show.
 */
export function toTryItForm(
  entry: ReferenceEntry,
  components: ReadonlyMap<string, ComponentSchema>,
  draft: RequestDraft,
  needs: readonly CredentialNeed[],
): TryItForm {
  const anchor = entry.operation.anchor;
  const fields = entry.details.parameters
    .filter((parameter) => fillable.has(parameter.in))
    .map((parameter, index): TryItField => {
      const example = toParameterText(parameter, components) ?? '';
      const required = parameter.required || parameter.in === 'path';
      return {
        id: `try-${anchor}-${String(index)}`,
        name: parameter.name,
        in: parameter.in,
        required,
        value: required ? example : '',
        placeholder: example,
      };
    });
  const { body } = draft;
  return {
    fields,
    ...(body === undefined
      ? {}
      : {
          body: {
            id: `try-${anchor}-body`,
            mediaType: body.mediaType,
            text: 'fields' in body ? new URLSearchParams(body.fields).toString() : body.text,
          },
        }),
    needs,
  };
}
