import { z } from 'zod';
import { stripCredentials } from '../auth/strip-credentials.ts';
import { createIdentityHeaders } from '../auth/upstream-identity.ts';
import type { IdentityTokens } from '../oauth/identity-tokens.ts';
import type { Exchange } from '../http/exchange.ts';
import { hasBody, isDeclaredTooLarge, readBody } from '../http/read-body.ts';
import { sendProblem } from '../http/send-response.ts';
import type { Forwarder } from '../proxy/forwarder.ts';
import { functionOption, objectWith, parseStageOptions } from './stage-options.ts';
import type { Step } from './stage.ts';

const forwardOptionsSchema = z.strictObject({
  forwarder: objectWith<Pick<Forwarder, 'forward'>>('forward'),
  /** Largest request body read, in bytes. */
  maxBodyBytes: z.int().positive(),
  /** Answers an error no stage expected (a 500 that leaks nothing). */
  fail: functionOption<(exchange: Exchange, error: unknown) => void>(),
  /** Signs the statement of who calls that the back end is sent. */
  statements: objectWith<IdentityTokens>('statementOf'),
});

/** What the forward stage needs. */
export type ForwardStageOptions = z.input<typeof forwardOptionsSchema>;

/**
 * The last step: takes the credentials off the request, states who calls
 * (`upstream-identity.ts`), reads its body whole (so one over the limit gets a clean 413 rather
 * than a request cut halfway at the mock server), then passes the request on. The forwarder
 * answers with the mock server's answer, or with the problem saying why there is none.
 */
export function createForwardStage(input: ForwardStageOptions): Step {
  const { forwarder, maxBodyBytes, fail, statements } = parseStageOptions(
    'forward',
    forwardOptionsSchema,
    input,
  );

  /** The connection closes after: the rest of an oversized body is not worth reading. */
  const refuseTooLarge = (exchange: Exchange): void => {
    sendProblem(
      exchange,
      'bodyTooLarge',
      {
        en: `The sandbox accepts request bodies up to ${String(maxBodyBytes)} bytes.`,
        fr: `Le bac à sable accepte des corps de requête jusqu’à ${String(maxBodyBytes)} octets.`,
      },
      { headers: { connection: 'close' } },
    );
  };

  const send = (exchange: Exchange): void => {
    const { req } = exchange;
    if (!hasBody(req)) {
      forwarder.forward(exchange, undefined);
      return;
    }
    if (isDeclaredTooLarge(req, maxBodyBytes)) {
      refuseTooLarge(exchange);
      return;
    }
    readBody(req, maxBodyBytes, (result) => {
      if (result.kind === 'aborted') return;
      if (result.kind === 'too-large') {
        refuseTooLarge(exchange);
        return;
      }
      try {
        forwarder.forward(exchange, result.body);
      } catch (error) {
        fail(exchange, error);
      }
    });
  };

  const identityHeadersOf = createIdentityHeaders(statements);

  return (exchange) => {
    stripCredentials(exchange);
    const identity = identityHeadersOf(exchange);
    if (!(identity instanceof Promise)) {
      exchange.identityHeaders = identity;
      send(exchange);
      return;
    }
    identity.then(
      (headers) => {
        exchange.identityHeaders = headers;
        send(exchange);
      },
      (error: unknown) => {
        fail(exchange, error);
      },
    );
  };
}
