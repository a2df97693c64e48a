import type { Catalog, Visibility } from '../../catalog/index.ts';
import { chooseLanguage } from '../../catalog/sandbox-languages.ts';
import { answerMcpRequest, toOwnGatewayUrl } from '../../mcp/serve-http.ts';
import type { Exchange } from '../http/exchange.ts';
import { isDeclaredTooLarge, readBody } from '../http/read-body.ts';
import { sendProblem } from '../http/send-response.ts';

/** What the MCP route needs from the gateway. */
export interface McpRouteOptions {
  /** The gateway's catalog (every API); the route cuts it to `audience`. */
  catalog: Catalog;
  audience: Visibility;
  maxBodyBytes: number;
  fail: (exchange: Exchange, error: unknown) => void;
}

/**
 * `POST /_mcp`: guichet's MCP server over streamable HTTP, on the sandbox's public port. The
 * body is read by the gateway's one body reader, bounded like any call's; the access log sees
 * the path and status only, never the tool arguments (credentials for call_sandbox among them).
 * call_sandbox sends its calls to this very gateway, on the address the request came in on.
 */
export function createMcpRoute(options: McpRouteOptions): (exchange: Exchange) => void {
  return (exchange) => {
    const { req, res } = exchange;
    if (req.method !== 'POST') {
      sendProblem(
        exchange,
        'methodNotAllowed',
        {
          en: 'MCP over streamable HTTP takes POST requests here (stateless, JSON answers).',
          fr: 'MCP en HTTP streamable prend des requêtes POST à cette adresse (sans état, réponses JSON).',
        },
        {
          headers: { allow: 'POST' },
        },
      );
      return;
    }
    if (isDeclaredTooLarge(req, options.maxBodyBytes)) {
      tooLarge(exchange);
      return;
    }
    readBody(req, options.maxBodyBytes, (result) => {
      if (result.kind === 'aborted') return;
      if (result.kind === 'too-large') {
        tooLarge(exchange);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(result.body?.toString('utf8') ?? '');
      } catch {
        sendProblem(exchange, 'malformedJson', {
          en: 'An MCP request is one JSON-RPC message (or a batch) in JSON.',
          fr: 'Une requête MCP est un message JSON-RPC (ou un lot) en JSON.',
        });
        return;
      }
      for (const [name, value] of Object.entries(exchange.headers)) {
        if (value !== undefined) res.setHeader(name, value);
      }
      // The SDK writes the answer itself; the gateway's close listener logs the exchange with
      // the status it went out with.
      res.once('finish', () => {
        exchange.status = res.statusCode;
      });
      const served = {
        catalog: options.catalog,
        audience: options.audience,
        sandboxUrl: toOwnGatewayUrl(req),
        // The tools refuse in the caller's language, as the gateway's own refusals do.
        language: chooseLanguage(req.headers['accept-language'], exchange.defaultLanguage),
      };
      answerMcpRequest(served, req, res, body).catch((error: unknown) => {
        if (!res.headersSent) options.fail(exchange, error);
        else res.destroy();
      });
    });
  };

  function tooLarge(exchange: Exchange): void {
    sendProblem(
      exchange,
      'bodyTooLarge',
      {
        en: `An MCP request may hold up to ${String(options.maxBodyBytes)} bytes.`,
        fr: `Une requête MCP peut contenir jusqu’à ${String(options.maxBodyBytes)} octets.`,
      },
      {
        headers: { connection: 'close' },
      },
    );
  }
}
