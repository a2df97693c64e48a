/**
 * Loaded into Redocly's process before it starts (`node --import`): Redocly follows every `$ref`
 * it meets, literal examples included, and fetches remote ones with `fetch`. The catalog has
 * already refused remote references outside examples; inside them they are payload, and lint
 * must not turn a pull request's example into a request from CI to any address it names.
 */
globalThis.fetch = (input: string | URL | Request): Promise<Response> => {
  const url = input instanceof Request ? input.url : String(input);
  return Promise.reject(new TypeError(`guichet lints offline: ${url} was not fetched`));
};
