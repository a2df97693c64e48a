/**
 * What to do about each Redocly rule an owner is likely to meet (its recommended rules and
 * guichet's `redocly.yaml`): Redocly says what is wrong, an owner also needs the way out.
 */
const hints: Record<string, string> = {
  struct:
    'fix the field as the OpenAPI specification defines it; the message names what is expected',
  'no-unresolved-refs':
    'check the file name and the pointer after #; paths are relative to this file',
  'operation-operationId':
    'add `operationId: listThings` (a unique camelCase name) to the operation',
  'operation-operationId-unique': 'give each operation its own operationId',
  'operation-operationId-url-safe': 'use letters, digits, - and _ only in operationId',
  'operation-summary': 'add `summary:` with a short phrase, e.g. "List the declarations"',
  'operation-2xx-response': 'document the success answer under a 2XX status',
  'operation-4xx-response': 'document at least one 4XX answer, e.g. 400 or 404',
  'operation-parameters-unique': 'list each parameter once per operation',
  'operation-tag-defined': 'declare the tag under the top-level `tags:`',
  'security-defined':
    'declare `security:` (and its scheme under components.securitySchemes), or `security: []` for an open operation',
  'info-contact': 'add info.contact with the team name and email',
  'info-license': 'add info.license with its name',
  'info-license-strict': 'give info.license a url or an SPDX identifier',
  'no-empty-servers':
    'list the production server under `servers:`, e.g. - url: https://api.exemple.gouv.fr/v1',
  'no-server-trailing-slash': 'remove the trailing / from the server URL',
  'no-server-variables-empty-enum':
    'list at least one value in the variable’s enum, or remove the enum',
  'no-undefined-server-variable': 'declare the variable under the server’s `variables:`',
  'no-path-trailing-slash': 'remove the trailing / from the path',
  'no-identical-paths': 'keep one of the two paths: they differ only by parameter names',
  'no-ambiguous-paths': 'rename a segment so one request cannot match both paths',
  'no-http-verbs-in-paths': 'name the resource in the path and let the method say the action',
  'path-not-include-query': 'move the query string into `in: query` parameters',
  'path-parameters-defined':
    'declare every {parameter} of the path with `in: path`, and only those',
  'path-declaration-must-exist': 'put a name between the braces, e.g. /things/{id}',
  'path-http-verbs-order': 'order the methods get, post, put, patch, delete',
  'no-invalid-media-type-examples': 'make the example match its schema, or fix the schema',
  'no-invalid-schema-examples': 'make the example match its schema, or fix the schema',
  'no-invalid-parameter-examples': 'make the example match the parameter’s schema',
  'no-example-value-and-externalValue': 'keep either `value` or `externalValue` in the example',
  'no-enum-type-mismatch': 'make every enum value of the schema’s type',
  'no-required-schema-properties-undefined': 'declare every required property under `properties:`',
  'no-schema-type-mismatch':
    'make `items` go with `type: array` and `properties` with `type: object`',
  'no-illogical-composition-keywords': 'keep at least two different schemas in allOf/anyOf/oneOf',
  'no-unused-components': 'reference the component with $ref, or remove it',
  'no-unsafe-markdown': 'remove scripts and inline event handlers from the Markdown',
  'nullable-type-sibling': 'give the schema a `type` beside `nullable: true`',
  'spec-ref-siblings':
    'move the sibling fields into the referenced schema, or wrap the $ref in allOf',
  'spec-components-invalid-map-name': 'use letters, digits, ., - and _ in component names',
  'tag-description': 'add a `description:` to the tag under the top-level `tags:`',
  'boolean-parameter-prefixes': 'start boolean parameter names with is or has',
  'no-duplicated-tag-names': 'declare each tag once',
  'rule/response-example':
    'add an `example:` (or `examples:`) to this response’s content, so the sandbox answers with it',
};

/** The hint for a Redocly finding: Redocly's own suggestion first, else the rule's. */
export function toRedoclyHint(rule: string, suggestions: readonly string[] | undefined): string {
  if (suggestions?.length) return `did you mean ${suggestions.join(' or ')}?`;
  return (
    hints[rule] ??
    `see the rule "${rule}" in redocly.yaml or in Redocly's list of rules (redocly.com/docs/cli/rules)`
  );
}
