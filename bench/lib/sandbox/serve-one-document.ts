/**
 * The baseline of `bench:sandbox`: a process that mocks ONE document, as running one Prism
 * process per API would. It prepares the document in-process (no catalog, no worker), answers
 * `/<path>` with Prism, and prints `ready` once it listens. Usage: `serve-one-document.ts
 * <document.json> <port>`.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { getHttpOperationsFromSpec, type IHttpRequest } from '@stoplight/prism-http';
import { writeAnswer } from '../../../mock-server/http/write-answer.ts';
import { createPrismMocker, routeRequest } from '../../../mock-server/prism/prism-engine.ts';

const [file = '', port = '0'] = process.argv.slice(2);
const document = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const operations = await getHttpOperationsFromSpec(document);
const mocker = createPrismMocker({ dynamic: false });

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const input: IHttpRequest = {
    method: (request.method ?? 'GET').toLowerCase() as IHttpRequest['method'],
    url: { path: url.pathname, query: Object.fromEntries(url.searchParams) },
    headers: {},
  };
  const routed = routeRequest(operations, input);
  if ('error' in routed) {
    response.writeHead(404).end();
    return;
  }
  void mocker.mock(routed.operation, input, {}, true).then((mocked) => {
    if ('error' in mocked) {
      response.writeHead(mocked.error.status ?? 500).end();
      return;
    }
    const output = mocked.answer.response;
    writeAnswer(
      response,
      request.method ?? 'GET',
      { status: output.statusCode, headers: output.headers ?? {}, body: output.body },
      {},
    );
  });
});
server.listen(Number(port), '127.0.0.1', () => {
  console.log('ready');
});
process.once('SIGTERM', () => process.exit(0));
