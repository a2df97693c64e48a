import type { CatalogOperation } from '../openapi/list-operations.ts';
import type { OperationDetails } from './reference-model.ts';
import { isMapping, schemaLimits, type Mapping, type ReadContext } from './read-context.ts';
import { listRawParameters, readParameter } from './read-parameter.ts';
import { readRequestBody } from './read-request-body.ts';
import { readResponses } from './read-response.ts';
import { readSecurity } from './read-security.ts';

/**
 * The details of one catalog operation (or webhook), found again in the document by its kind,
 * path and method. Each operation gets a budget of schema nodes of its own, so one hostile
 * operation cannot starve the others, and no page can grow without bound.
 */
export function readOperation(context: ReadContext, operation: CatalogOperation): OperationDetails {
  context.budget.nodes = schemaLimits.maxNodes;
  const empty: OperationDetails = {
    anchor: operation.anchor,
    parameters: [],
    requestBody: undefined,
    responses: [],
    security: [],
  };
  const group = context.resolve(
    operation.kind === 'webhook' ? context.document.webhooks : context.document.paths,
  );
  const pathItem = isMapping(group) ? context.resolve(group[operation.path]) : undefined;
  if (!isMapping(pathItem)) return empty;
  const raw = context.resolve(pathItem[operation.method.toLowerCase()]);
  if (!isMapping(raw)) return empty;
  const parameters: Mapping[] = listRawParameters(context, pathItem, raw);
  return {
    anchor: operation.anchor,
    parameters: parameters.flatMap((parameter) => readParameter(context, parameter) ?? []),
    requestBody: readRequestBody(context, raw, parameters),
    responses: readResponses(context, raw),
    security: readSecurity(context, raw),
  };
}
