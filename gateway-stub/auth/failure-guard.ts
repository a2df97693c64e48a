import type { Localized } from '../../catalog/sandbox-languages.ts';
import type { OutgoingHttpHeaders } from 'node:http';
import { toClientNetwork } from '../http/client-address.ts';
import type { Exchange } from '../http/exchange.ts';
import type { SlidingWindow } from '../quota/sliding-window.ts';

/**
 * Slows down whoever guesses client secrets: past `limit` failed client authentications in a
 * minute from one client (an IPv4 address, an IPv6 /64), every client authentication from it is
 * refused with 429 until the oldest failure leaves the window, right secrets included — a guess
 * must not be told apart by its answer. Secrets carry 192 random bits and are compared in
 * constant time; this keeps a flood of guesses from costing the sandbox its HMACs as well.
 */
export interface FailureGuard {
  /** Headers of the 429 when the client is blocked now, else undefined. */
  blocked(exchange: Exchange): OutgoingHttpHeaders | undefined;
  /** Counts one failed client authentication of the exchange's client. */
  failed(exchange: Exchange): void;
}

/** Creates the guard over a one-minute window. */
export function createFailureGuard(window: SlidingWindow, limit: number): FailureGuard {
  const subjectOf = (exchange: Exchange): string => toClientNetwork(exchange.client);
  return {
    blocked(exchange) {
      const decision = window.peek(subjectOf(exchange), limit, performance.now());
      if (decision.allowed) return undefined;
      return { 'retry-after': String(Math.max(1, decision.resetSeconds)) };
    },
    failed(exchange) {
      window.take(subjectOf(exchange), limit, performance.now());
    },
  };
}

/** The detail of the 429 a blocked client gets, with the seconds of its `Retry-After`. */
export function toTooManyFailures(retryAfter: OutgoingHttpHeaders[string]): Localized {
  const seconds = String(retryAfter);
  return {
    en: `Too many wrong client credentials from this address. Retry in ${seconds} s.`,
    fr: `Trop d’identifiants de client faux depuis cette adresse. Réessayez dans ${seconds} s.`,
  };
}
