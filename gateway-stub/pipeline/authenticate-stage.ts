import { z } from 'zod';
import { sendProblem } from '../http/send-response.ts';
import type { KeyLookup } from '../keys/key-lookup.ts';
import { objectWith, parseStageOptions } from './stage-options.ts';
import type { Stage } from './stage.ts';

const authenticateOptionsSchema = z.strictObject({
  keys: objectWith<KeyLookup>('find'),
});

/** What the authenticate stage needs. */
export type AuthenticateStageOptions = z.input<typeof authenticateOptionsSchema>;

const keyChallenge = { 'www-authenticate': 'X-Api-Key realm="guichet-sandbox"' };

/**
 * Who is calling: the key in `X-Api-Key`, recognised by the key lookup (from memory when
 * nothing changed in the store). A missing or unknown key is refused with the challenge.
 */
export function createAuthenticateStage(input: AuthenticateStageOptions): Stage {
  const { keys } = parseStageOptions('authenticate', authenticateOptionsSchema, input);
  return (next) => (exchange) => {
    const presented = exchange.req.headers['x-api-key'];
    const key = typeof presented === 'string' ? presented : '';
    if (key === '') {
      sendProblem(exchange, 'missingKey', 'Send your subscription key in the X-Api-Key header.', {
        headers: keyChallenge,
      });
      return;
    }
    const grant = exchange.grant ?? keys.find(key);
    if (!grant) {
      sendProblem(
        exchange,
        'unknownKey',
        'The key in X-Api-Key is not known to the sandbox. Check it was copied whole, or get a new one.',
        { headers: keyChallenge },
      );
      return;
    }
    exchange.grant = grant;
    exchange.consumerId = grant.consumerId;
    next(exchange);
  };
}
