import { randomUUID } from 'node:crypto';
import {
  Agent,
  request as sendRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import {
  chooseLanguage,
  defaultSandboxLanguage,
  toLanguageHeaders,
} from '../../../catalog/sandbox-languages.ts';
import {
  problemMediaType,
  toProblemBody,
  type Localized,
  type ProblemName,
} from '../../../catalog/sandbox-problems.ts';
import { requestIdPattern } from '../../../gateway-stub/http/request-id.ts';
import { hopByHopHeaders } from '../../../gateway-stub/proxy/hop-by-hop.ts';
import { toPreviewAnswerHeaders } from './preview-answer-headers.ts';

/** Every preview's gateway listens on loopback, in the previews server's own process. */
const gatewayHost = '127.0.0.1';

/** Which preview's gateway a call goes to, and where that preview lives on this server. */
export interface SandboxTarget {
  /** The gateway's public port on loopback. */
  port: number;
  /** The path the gateway is asked for, as it is (checked by `toSandboxPath`). */
  path: string;
  /** Where the preview's sandbox is served here: `/<slug>/_sandbox`. */
  prefix: string;
  /** This server's public origin, whose URLs in the gateway's own answers are the preview's. */
  origin: string;
}

/** Forwards requests to one preview's gateway; keep-alive connections are shared. */
export interface SandboxProxy {
  /**
   * Sends `request` to the preview's gateway on `127.0.0.1:<target.port>` and streams the
   * answer back, its headers held to the sandbox's rule (`preview-answer-headers.ts`).
   */
  forward(request: IncomingMessage, response: ServerResponse, target: SandboxTarget): void;
  /** Closes idle connections to the gateways. */
  close(): void;
}

/**
 * Creates the proxy from `/<slug>/_sandbox/…` to a preview's gateway on loopback. The browser
 * calls the sandbox on the portal's own origin, so a same-origin request loses its `Origin`
 * header here: the gateway then treats it as a direct call and needs no CORS list. A request
 * from another site keeps its `Origin` and the gateway, which allows none, refuses it.
 */
export function createSandboxProxy(): SandboxProxy {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    forward(request, response, target) {
      const { port: gatewayPort, path } = target;
      // Host and port are the preview's gateway and nothing else: the client's path is only
      // ever the path, never resolved against a URL where `//host` would pick another host.
      let upstream;
      try {
        upstream = sendRequest({
          host: gatewayHost,
          port: gatewayPort,
          path,
          method: request.method ?? 'GET',
          headers: toGatewayHeaders(request),
          agent,
        });
      } catch {
        // Node refuses to write some paths its parser read (ERR_UNESCAPED_CHARACTERS).
        sendPreviewProblem(request, response, 'notFound', {
          en: 'The sandbox has no such path.',
          fr: 'Le bac à sable n’a pas ce chemin.',
        });
        return;
      }
      upstream.on('response', (answer) => {
        response.writeHead(
          answer.statusCode ?? 502,
          toPreviewAnswerHeaders(withoutHopByHop(answer.headers), target),
        );
        answer.pipe(response);
        answer.on('error', () => response.destroy());
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (response.headersSent) {
          response.destroy();
          return;
        }
        const refused = error.code === 'ECONNREFUSED';
        sendPreviewProblem(
          request,
          response,
          refused ? 'upstreamUnavailable' : 'upstreamFailed',
          refused
            ? {
                en: "This preview's sandbox is not answering. Retry in a moment.",
                fr: 'Le bac à sable de cette prévisualisation ne répond pas. Réessayez dans un instant.',
              }
            : {
                en: "The connection to this preview's sandbox broke before it answered.",
                fr: 'La connexion au bac à sable de cette prévisualisation a été rompue avant sa réponse.',
              },
        );
      });
      // A client that goes away takes its call to the gateway with it.
      response.on('close', () => {
        if (!response.writableFinished) upstream.destroy();
      });
      request.pipe(upstream);
    },
    close() {
      agent.destroy();
    },
  };
}

/**
 * Answers a request to the previews server with a problem of the sandbox's catalog, in the
 * language its `Accept-Language` prefers; the previews server serves every branch, so its
 * default is the sandbox's own (French).
 */
export function sendPreviewProblem(
  request: IncomingMessage,
  response: ServerResponse,
  name: ProblemName,
  detail: Localized,
  headers: OutgoingHttpHeaders = {},
): void {
  const language = chooseLanguage(request.headers['accept-language'], defaultSandboxLanguage);
  const received = request.headers['x-request-id'];
  const requestId =
    typeof received === 'string' && requestIdPattern.test(received) ? received : randomUUID();
  const problem = toProblemBody(name, detail, requestId, language);
  const body = JSON.stringify(problem);
  response.writeHead(problem.status, {
    ...headers,
    ...toLanguageHeaders(language, headers.vary),
    'content-type': problemMediaType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-request-id': requestId,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function toGatewayHeaders(request: IncomingMessage): OutgoingHttpHeaders {
  const headers = withoutHopByHop(request.headers);
  delete headers.host;
  if (isSameOrigin(request)) delete headers.origin;
  // The reviewer's own address, for what the gateway counts per client; whatever the reviewer
  // wrote there is dropped (the preview sandboxes trust this server, not the reviewer).
  headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
  return headers;
}

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set(
    (headers.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ''),
  );
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopByHopHeaders.has(name) || named.has(name)) continue;
    kept[name] = value;
  }
  return kept;
}

/** True when the page that sent the request was served by this same host. */
function isSameOrigin(request: IncomingMessage): boolean {
  const { origin, host } = request.headers;
  if (origin === undefined || host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
