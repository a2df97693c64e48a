const methods = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * Makes the edits a pull request typically carries, on a copy of a document: one operation
 * removed, a required query parameter added to another, one new operation. Deterministic, so
 * runs compare like with like.
 */
export function editDocument(document: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(document);
  const paths = (copy.paths ?? {}) as Record<string, Record<string, unknown>>;
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    methods
      .filter((method) => typeof item[method] === 'object')
      .map((method) => ({ path, method })),
  );
  const [removed, narrowed] = operations;
  if (removed) delete paths[removed.path]?.[removed.method];
  const target = narrowed
    ? (paths[narrowed.path]?.[narrowed.method] as Record<string, unknown>)
    : undefined;
  if (target) {
    const parameters = Array.isArray(target.parameters) ? target.parameters : [];
    const parameter =
      copy.swagger === undefined
        ? { name: 'guichetBench', in: 'query', required: true, schema: { type: 'string' } }
        : { name: 'guichetBench', in: 'query', required: true, type: 'string' };
    target.parameters = [...(parameters as unknown[]), parameter];
  }
  paths['/guichet-bench'] = {
    get: { operationId: 'guichetBench', responses: { '200': { description: 'ok' } } },
  };
  copy.paths = paths;
  return copy;
}
