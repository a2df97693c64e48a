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

/** Where the build publishes a document's original files: `/apis/<id>/<version>/source/…`. */
const sourcePath = /^\/apis\/[^/]+\/[^/]+\/source\//;

/** The only types a published source is served as; anything else is shown as plain text. */
const sourceTypes: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  yaml: 'application/yaml; charset=utf-8',
  yml: 'application/yaml; charset=utf-8',
};

/**
 * No file is sniffed into a type it was not served as. Owners' original files are data whatever
 * they hold (a `.json` may be HTML; an older build may have left an `.svg`): they get a YAML, JSON
 * or plain-text type, and a sandbox policy in case a browser renders one anyway, so nothing in
 * them runs on the portal's origin (or, for previews, the origin every preview shares).
 */
function setSafeHeaders(response: ServerResponse, pathname: string): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (!sourcePath.test(pathname)) return;
  const extension = /\.([^./]+)$/.exec(pathname)?.[1]?.toLowerCase() ?? '';
  response.setHeader('Content-Type', sourceTypes[extension] ?? 'text/plain; charset=utf-8');
  response.setHeader('Content-Security-Policy', 'sandbox');
}

/** Answers one request for a built portal. */
export type StaticHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A small static server for a built portal: files under the base path, `index.html` for
 * folders, the portal's own 404 page (with status 404) for anything else, nothing sniffed and
 * owners' original files served as data (see `setSafeHeaders`). Used by `npm start`,
 * the end-to-end tests and the Lighthouse benchmark; production can use any static host.
 */
export function createStaticServer(options: StaticServerOptions): Server {
  return createServer(createStaticHandler(options));
}

/** The request handler behind `createStaticServer`, for servers that host several portals. */
export function createStaticHandler(options: StaticServerOptions): StaticHandler {
  const base = toBasePath(options.base ?? '/');
  // A build may hold compressed copies beside large files (`dsfr.css.br`, `.gz`): they are sent
  // to browsers that accept them.
  const serve = sirv(options.dir, {
    etag: true,
    dotfiles: false,
    gzip: true,
    brotli: true,
    setHeaders: setSafeHeaders,
  });
  // A portal built in several languages has a 404 page per prefixed language (`en/404/`): an
  // unknown address under `en/` gets the English one, any other the root's.
  const notFoundPages = new Map<string, Promise<Buffer | undefined>>();
  const readNotFound = (file: string): Promise<Buffer | undefined> => {
    let page = notFoundPages.get(file);
    if (!page) {
      page = readFile(join(options.dir, file)).catch(() => undefined);
      notFoundPages.set(file, page);
    }
    return page;
  };
  const sendNotFound = (response: ServerResponse, path = ''): void => {
    const language = /^([a-z]{2})\//.exec(path)?.[1];
    const own = language === undefined ? undefined : readNotFound(`${language}/404/index.html`);
    void Promise.resolve(own)
      .then(async (page) => page ?? (await readNotFound('404.html')))
      .then((page) => {
        response.statusCode = 404;
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.setHeader('X-Content-Type-Options', 'nosniff');
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
    const path = url.slice(base.length);
    request.url = `/${path}`;
    serve(request, response, () => {
      sendNotFound(response, path);
    });
  };
}
