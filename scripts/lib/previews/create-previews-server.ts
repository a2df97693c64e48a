import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sandboxSegment } from './preview-manifest.ts';
import { createPreviewRegistry, type Preview, type PreviewRegistry } from './preview-registry.ts';
import { createSandboxProxy, sendPreviewProblem } from './proxy-to-sandbox.ts';
import { renderNotFoundPage, renderPreviewsPage } from './render-previews-page.ts';
import {
  chooseLanguage,
  defaultSandboxLanguage,
  toLanguageHeaders,
  type SandboxLanguage,
} from '../../../catalog/sandbox-languages.ts';
import { toOriginForm, toSandboxPath } from './to-sandbox-path.ts';
import {
  answerClientError,
  createConnectAnswer,
  findRequestFault,
} from '../../../gateway-stub/http/protocol-refusals.ts';

/** How the previews server runs; `serve-previews.ts` reads these from the environment. */
export interface PreviewsServerOptions {
  /** Folder of previews, one `<slug>/` each, as `npm run build:preview` writes them. */
  previewsDir: string;
  /** The origin reviewers use, when the server sits behind another address. */
  publicUrl?: string;
  /** A sandbox unused this long is stopped until its next call; 0: never. */
  idleMs?: number;
  log?: (line: string) => void;
  onError?: (error: unknown) => void;
}

/** The previews server, not yet listening, and how to stop it with every sandbox. */
export interface PreviewsServer {
  server: Server;
  registry: PreviewRegistry;
  /** Stops listening, cuts open connections, then stops every preview's sandbox. */
  close(): Promise<void>;
}

/**
 * One HTTP server for every branch preview: `/` lists them, `/previews.json` too (for bots),
 * `/<slug>/…` serves a branch's static portal and `/<slug>/_sandbox/…` goes to that branch's
 * own sandbox. Slugs hold no dot and never start with `_`, so neither name can clash with one.
 */
export function createPreviewsServer(options: PreviewsServerOptions): PreviewsServer {
  const onError =
    options.onError ??
    ((error: unknown) => {
      console.error(error);
    });
  const server = createServer({ keepAliveTimeout: 5_000 });
  const publicUrl = (): string => options.publicUrl?.replace(/\/+$/, '') ?? toListeningUrl(server);
  const registry = createPreviewRegistry({
    previewsDir: options.previewsDir,
    publicUrl,
    idleMs: options.idleMs ?? 30 * 60_000,
    log: options.log ?? (() => undefined),
    onError,
  });
  const proxy = createSandboxProxy();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const fault = findRequestFault(request);
    if (fault !== undefined) {
      sendPreviewProblem(request, response, 'badRequest', fault);
      return;
    }
    const url = toOriginForm(request.url ?? '/', toOwnHosts(request));
    if (url === undefined) {
      sendPreviewProblem(request, response, 'badRequest', {
        en: 'The previews server serves only itself: a request target naming another host (absolute-form) is refused. Send the path alone.',
        fr: 'Le serveur des prévisualisations ne sert que lui-même : une cible de requête qui nomme un autre hôte (absolute-form) est refusée. Envoyez le chemin seul.',
      });
      return;
    }
    // Every part below (the static site too) reads the path alone, never the host a client wrote.
    request.url = url;
    const pathname = url.split('?', 1)[0] ?? '/';
    if (pathname === '/' || pathname === '/previews.json') {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendPreviewProblem(
          request,
          response,
          'methodNotAllowed',
          {
            en: `${pathname} is read with GET or HEAD only.`,
            fr: `${pathname} se lit avec GET ou HEAD seulement.`,
          },
          { allow: 'GET, HEAD' },
        );
        return;
      }
      const previews = await registry.list();
      if (pathname === '/') {
        sendPage(request, response, 200, (language) => renderPreviewsPage(previews, language));
      } else {
        send(request, response, 200, 'application/json', JSON.stringify({ previews }));
      }
      return;
    }
    const [, slug = '', section] = pathname.split('/');
    const preview = await registry.find(slug);
    if (preview === undefined && slug === 'problems') {
      await redirectProblemType(request, response, pathname);
      return;
    }
    if (preview === undefined) {
      sendPage(request, response, 404, (language) => renderNotFoundPage(pathname, language));
      return;
    }
    if (section === sandboxSegment) {
      await forwardToSandbox(
        request,
        response,
        preview,
        url.slice(slug.length + 2 + section.length),
      );
      return;
    }
    preview.serveSite(request, response);
  }

  /**
   * A problem's relative `type` (`/problems/quota-exceeded`) resolves against this server's root,
   * outside every preview: send it to the newest preview's page for that type.
   */
  async function redirectProblemType(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
  ): Promise<void> {
    const [newest] = (await registry.list()).sort((a, b) =>
      b.manifest.builtAt.localeCompare(a.manifest.builtAt),
    );
    if (newest === undefined) {
      sendPage(request, response, 404, (language) => renderNotFoundPage(pathname, language));
      return;
    }
    const location = `/${newest.manifest.slug}${pathname.replace(/\/?$/, '/')}`;
    send(request, response, 302, 'text/plain; charset=utf-8', `See ${location}\n`, { location });
  }

  async function forwardToSandbox(
    request: IncomingMessage,
    response: ServerResponse,
    preview: Preview,
    rest: string,
  ): Promise<void> {
    const path = toSandboxPath(rest);
    if (path === undefined) {
      sendPreviewProblem(request, response, 'notFound', {
        en: `The path after /${preview.slug}/${sandboxSegment} must stay in this preview’s sandbox: no empty segment (//), no backslash and no "." or ".." segment, written plainly or percent-encoded.`,
        fr: `Le chemin après /${preview.slug}/${sandboxSegment} doit rester dans le bac à sable de cette prévisualisation : ni segment vide (//), ni barre oblique inverse, ni segment « . » ou « .. », écrits tels quels ou encodés en pourcentage.`,
      });
      return;
    }
    let sandbox;
    try {
      sandbox = await registry.useSandbox(preview);
    } catch (error) {
      onError(error);
      sendPreviewProblem(request, response, 'upstreamUnavailable', {
        en: `The sandbox of the preview of ${preview.manifest.branch} could not start; the previews server's log says why.`,
        fr: `Le bac à sable de la prévisualisation de ${preview.manifest.branch} n’a pas pu démarrer ; le journal du serveur des prévisualisations dit pourquoi.`,
      });
      return;
    }
    const publicAddress = new URL(publicUrl());
    proxy.forward(request, response, {
      port: sandbox.port,
      path,
      prefix: `${publicAddress.pathname.replace(/\/$/, '')}/${preview.slug}/${sandboxSegment}`,
      origin: publicAddress.origin,
    });
  }

  /** The authorities this server answers for: its public address and the socket's own. */
  function toOwnHosts(request: IncomingMessage): string[] {
    const { localAddress = '', localPort = 0 } = request.socket;
    const local = localAddress.includes(':') ? `[${localAddress}]` : localAddress;
    return [new URL(publicUrl()).host, `${local}:${String(localPort)}`];
  }

  server.on('clientError', answerClientError);
  server.on('connect', createConnectAnswer(defaultSandboxLanguage));
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent) {
        sendPreviewProblem(request, response, 'internalError', {
          en: 'The previews server failed; its log says why.',
          fr: 'Le serveur des prévisualisations a échoué ; son journal dit pourquoi.',
        });
      } else {
        response.destroy();
      }
    });
  });

  return {
    server,
    registry,
    async close() {
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      server.closeAllConnections();
      await closed;
      proxy.close();
      await registry.close();
    },
  };
}

/** Sends one of the server's own pages in the language the request's `Accept-Language` prefers. */
function sendPage(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  render: (language: SandboxLanguage) => string,
): void {
  const language = chooseLanguage(request.headers['accept-language'], defaultSandboxLanguage);
  send(request, response, status, 'text/html; charset=utf-8', render(language), {
    ...toLanguageHeaders(language),
  });
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function toListeningUrl(server: Server): string {
  const address = server.address() as AddressInfo | null;
  if (address === null) return 'http://127.0.0.1';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${String(address.port)}`;
}
