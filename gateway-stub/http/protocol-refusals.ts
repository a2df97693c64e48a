import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  chooseLanguage,
  defaultSandboxLanguage,
  type Localized,
  type SandboxLanguage,
} from '../../catalog/sandbox-languages.ts';
import type { ProblemName } from '../../catalog/sandbox-problems.ts';
import { toRawProblemResponse } from '../problems/problem-body.ts';
import { toRequestId } from './request-id.ts';

/** What a server answers to a request Node's parser refused, by the parser's error code. */
const parserRefusals: Record<string, [ProblemName, Localized]> = {
  HPE_HEADER_OVERFLOW: [
    'headersTooLarge',
    {
      en: 'The request line and headers are larger than the sandbox accepts.',
      fr: 'La ligne de requête et les en-têtes sont plus gros que ce que le bac à sable accepte.',
    },
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    'requestTimeout',
    { en: 'The request was not received in time.', fr: 'La requête n’est pas arrivée à temps.' },
  ],
};

const notHttp: [ProblemName, Localized] = [
  'badRequest',
  {
    en: 'The request is not valid HTTP/1.1: check its request line, and that its body is framed by one Content-Length or by Transfer-Encoding: chunked, never both.',
    fr: 'La requête n’est pas du HTTP/1.1 valide : vérifiez sa ligne de requête, et que son corps est délimité par un seul Content-Length ou par Transfer-Encoding: chunked, jamais les deux.',
  },
];

/** How long a refused client may go on sending before its connection is cut. */
const drainMs = 2_000;

/**
 * `clientError` listener of every guichet server (the gateway's two ports, the previews
 * server): answers a request Node's parser refused — headers too large (431), too slow (408),
 * broken framing or request line (400) — with a problem instead of Node's bare status line, and
 * closes. Returns the problem answered, or undefined when the connection could only be cut.
 */
export function answerClientError(
  error: Error & { code?: string },
  socket: Duplex,
  // No request was parsed, so no Accept-Language to read: the server's default language.
  language: SandboxLanguage = defaultSandboxLanguage,
): ProblemName | undefined {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return undefined;
  }
  const [name, detail] = parserRefusals[error.code ?? ''] ?? notHttp;
  endWithProblem(socket, name, detail, language);
  return name;
}

/**
 * The `connect` listener of a server whose default language is `defaultLanguage`: no guichet
 * server is a proxy, so `CONNECT` gets a 405 problem and the connection is closed, never a
 * tunnel (without a listener Node closes it unanswered). Its headers were parsed, so its
 * `Accept-Language` chooses, falling back to the server's language.
 */
export function createConnectAnswer(
  defaultLanguage: SandboxLanguage,
): (request: IncomingMessage, socket: Duplex) => void {
  return (request, socket) => {
    endWithProblem(
      socket,
      'methodNotAllowed',
      {
        en: 'The sandbox is not a proxy: CONNECT opens no tunnel here. Send GET, POST, PUT, PATCH or DELETE to a path.',
        fr: 'Le bac à sable n’est pas un proxy : CONNECT n’ouvre aucun tunnel ici. Envoyez GET, POST, PUT, PATCH ou DELETE à un chemin.',
      },
      chooseLanguage(request.headers['accept-language'], defaultLanguage),
      { Allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' },
    );
  };
}

/**
 * Why a request Node parsed is still not one a guichet server answers, or undefined: more than
 * one Host header (RFC 9112 §3.2: a server MUST answer 400), or a request target in neither
 * origin-form (`/path`) nor absolute-form (`http://host/path`) — `*`, `host:port`, `path`.
 */
export function findRequestFault(request: IncomingMessage): Localized | undefined {
  if (countHostHeaders(request.rawHeaders) > 1) {
    return {
      en: 'The request carries more than one Host header; send exactly one (RFC 9112 §3.2).',
      fr: 'La requête porte plus d’un en-tête Host ; envoyez-en exactement un (RFC 9112 §3.2).',
    };
  }
  const target = request.url ?? '';
  if (!target.startsWith('/') && !/^https?:\/\//i.test(target)) {
    return {
      en: 'The request target must be a path starting with "/" (origin-form).',
      fr: 'La cible de la requête doit être un chemin commençant par « / » (origin-form).',
    };
  }
  return undefined;
}

/**
 * How many Host fields the request carries, in any case. Read from the raw header list, which
 * Node keeps anyway: `headersDistinct` would build an object of arrays of every header, on
 * every request, for this one count.
 */
function countHostHeaders(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    if (name.length === 4 && name.toLowerCase() === 'host') count += 1;
  }
  return count;
}

/**
 * Writes the problem and half-closes, then reads and drops what the client still sends for a
 * while: closing with unread bytes would reset the connection, and the client would lose the
 * answer (a 70 KB header is still arriving when the first 16 KB are refused).
 */
function endWithProblem(
  socket: Duplex,
  name: ProblemName,
  detail: Localized,
  language: SandboxLanguage,
  headers: Record<string, string> = {},
): void {
  socket.end(toRawProblemResponse(name, detail, toRequestId(undefined), language, headers));
  const cut = setTimeout(() => socket.destroy(), drainMs);
  cut.unref();
  socket.once('close', () => {
    clearTimeout(cut);
  });
  socket.on('error', () => undefined);
  socket.resume();
}
