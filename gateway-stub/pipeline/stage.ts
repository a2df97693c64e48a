import type { Exchange } from '../http/exchange.ts';

/**
 * The API request path as a few small stages read top to bottom: route → authenticate →
 * authorize → quota → forward. Each stage either answers (a refusal) or hands the exchange on;
 * none reports the end of the exchange itself: the gateway observes it once, when the answer
 * closes (`create-gateway.ts`).
 */

/** One step of the request path: it answers, or it calls the step after it. */
export type Step = (exchange: Exchange) => void;

/**
 * A stage as its factory returns it: given the step that follows, the step it is. Stages are
 * wired once at start-up (`chainStages`), so a request allocates no closure to go through them.
 */
export type Stage = (next: Step) => Step;

/** Wires `stages` in order, the last one handing the exchange to `end`. */
export function chainStages(stages: readonly Stage[], end: Step): Step {
  let step = end;
  for (let index = stages.length - 1; index >= 0; index -= 1) {
    const stage = stages[index];
    if (stage !== undefined) step = stage(step);
  }
  return step;
}
