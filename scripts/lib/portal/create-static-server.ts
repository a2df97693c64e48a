import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { toBasePath } from '../../../site/lib/urls.ts';

/** Where and how to serve a built portal. */
export interface StaticServerOptions {
  /** The built portal (`dist`). */
  dir: string;
  /** The base path it was built for; requests outside it get the 404 page. */
  base?: string;
}

/** Answers one request for a built portal. */
export type StaticHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A small static server for a built portal: files under the base path, `index.html` for
 * folders, the portal's own 404 page (with status 404) for anything else. Used by `npm start`,
 * the end-to-end tests and the Lighthouse benchmark; production can use any static host.
 */
export function createStaticServer(options: StaticServerOptions): Server {
  return createServer(createStaticHandler(options));
}

/** The request handler behind `createStaticServer`, for servers that host several portals. */
export function createStaticHandler(options: StaticServerOptions): StaticHandler {
  const base = toBasePath(options.base ?? '/');
  const serve = sirv(options.dir, { etag: true, dotfiles: false });
  let notFoundPage: Promise<Buffer | undefined> | undefined;
  const readNotFound = (): Promise<Buffer | undefined> => {
    notFoundPage ??= readFile(join(options.dir, '404.html')).catch(() => undefined);
    return notFoundPage;
  };
  const sendNotFound = (response: ServerResponse): void => {
    void readNotFound().then((page) => {
      response.statusCode = 404;
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(page ?? 'Not found');
    });
  };

  return (request, response) => {
    const url = request.url ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.statusCode = 405;
      response.setHeader('Allow', 'GET, HEAD');
      response.end();
      return;
    }
    if (`${url}/` === base) {
      response.statusCode = 308;
      response.setHeader('Location', base);
      response.end();
      return;
    }
    if (!url.startsWith(base)) {
      sendNotFound(response);
      return;
    }
    request.url = `/${url.slice(base.length)}`;
    serve(request, response, () => {
      sendNotFound(response);
    });
  };
}
