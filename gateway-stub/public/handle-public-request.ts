import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SandboxLanguage } from '../../catalog/sandbox-problems.ts';
import { isMcpPath } from '../../mcp/serve-http.ts';
import type { Cors } from '../http/cors.ts';
import { createExchange, exchangeOf, type Exchange } from '../http/exchange.ts';
import { answerClientError, findRequestFault } from '../http/protocol-refusals.ts';
import { sendProblem } from '../http/send-response.ts';
import { toTrustedProxies } from '../http/trusted-proxies.ts';
import { isOAuthPath } from '../oauth/handle-oauth-request.ts';
import type { RequestObserver } from '../observe/request-observer.ts';
import { selfServicePrefix } from '../self-service/handle-self-service.ts';
import type { PublicHandlers } from './create-public-handlers.ts';
import { problemTypePrefix, redirectProblemType } from './redirect-problem-type.ts';

/** What the public port's listener dispatches to, and who sees every exchange end. */
export interface PublicListenerOptions {
  handlers: PublicHandlers;
  cors: Cors;
  observer: Pick<RequestObserver, 'finish' | 'countClientError'>;
  defaultLanguage: SandboxLanguage;
  /** Proxies whose `X-Forwarded-For` is believed (addresses or CIDR ranges); none by default. */
  trustedProxies: readonly string[];
  /** Where `/problems/<type>` redirects to, if anywhere. */
  portalUrl: string | undefined;
  /** Answers an error no handler expected. */
  fail: (exchange: Exchange, error: unknown) => void;
}

/** The public port's listeners. */
export interface PublicListener {
  handlePublic: (req: IncomingMessage, res: ServerResponse) => void;
  /** `clientError` listener: answers requests Node refused to parse (431, 408, 400). */
  handleClientError: (error: Error & { code?: string }, socket: Duplex) => void;
}

/**
 * The public port: every request becomes an exchange, is refused when malformed or from an
 * origin the sandbox does not serve, answered at once for a CORS preflight, and otherwise
 * handed by its path to self-service, MCP, OAuth, the problem types' redirects or, for
 * everything else, an API's request path.
 */
export function createPublicListener(options: PublicListenerOptions): PublicListener {
  const { handlers, cors, observer, defaultLanguage, portalUrl, fail } = options;
  // None by default: each request then takes its peer's address without looking it up in an
  // empty list (the look-up, an IPv4 parse and a BlockList check, ran on every request).
  const trustedProxies =
    options.trustedProxies.length === 0 ? undefined : toTrustedProxies(options.trustedProxies);
  // The one place that sees every exchange end: 'close' follows 'finish' when the answer went
  // out whole, and also comes when it was cut short (a stream broken halfway), which 'finish'
  // alone would miss. A client that left before any answer started is no exchange. One
  // listener for every answer, finding its exchange on it: a closure and a `once` wrapper per
  // request were garbage the request path made each time ('close' comes once anyway).
  const observeEnd = function (this: ServerResponse): void {
    const exchange = exchangeOf(this);
    if (exchange !== undefined && exchange.status !== 0) observer.finish(exchange);
  };

  const answerPreflight = (exchange: Exchange): void => {
    const headers = cors.toPreflightHeaders(exchange.req);
    if (headers === undefined) {
      sendProblem(exchange, 'originNotAllowed', {
        en: 'This origin may not call the sandbox from a browser.',
        fr: 'Cette origine ne peut pas appeler le bac à sable depuis un navigateur.',
      });
      return;
    }
    exchange.status = 204;
    exchange.res.writeHead(204, { ...headers, 'x-request-id': exchange.requestId });
    exchange.res.end();
  };

  const dispatch = (exchange: Exchange): void => {
    const { req } = exchange;
    const fault = findRequestFault(req);
    if (fault !== undefined) {
      sendProblem(exchange, 'badRequest', fault, { headers: { connection: 'close' } });
      return;
    }
    if (!cors.applyTo(req, exchange.headers)) {
      sendProblem(exchange, 'originNotAllowed', {
        en: `Origin ${String(req.headers.origin)} may not call the sandbox from a browser.`,
        fr: `L’origine ${String(req.headers.origin)} ne peut pas appeler le bac à sable depuis un navigateur.`,
      });
      return;
    }
    if (cors.isPreflight(req)) {
      answerPreflight(exchange);
      return;
    }
    const url = req.url ?? '/';
    if (url.startsWith(selfServicePrefix)) handlers.selfService(exchange);
    else if (isMcpPath(url)) handlers.mcp(exchange);
    else if (isOAuthPath(url)) handlers.oauth(exchange);
    else if (url.startsWith(problemTypePrefix)) redirectProblemType(exchange, url, portalUrl);
    else handlers.api(exchange);
  };

  return {
    handlePublic(req, res) {
      const exchange = createExchange(req, res, defaultLanguage, trustedProxies);
      res.on('close', observeEnd);
      try {
        dispatch(exchange);
      } catch (error) {
        fail(exchange, error);
      }
    },
    handleClientError(error, socket) {
      const name = answerClientError(error, socket, defaultLanguage);
      if (name !== undefined) observer.countClientError(name);
    },
  };
}
