/**
 * What preparation takes out of Prism's operations before any request reaches them: the parts
 * of a document that would make the sandbox act beyond answering. Runs on both preparations'
 * output (Prism's own and the one keeping `$ref`s), in the worker.
 */

/**
 * Drops every operation's `callbacks`. Prism's mocker calls each callback URL of the answered
 * operation after answering (with node-fetch), one taken from the request
 * (`{$request.body#/callbackUrl}`) as readily as a hard-coded one: a document could make the
 * sandbox reach any host of its network. The sandbox never calls back; the portal still shows
 * the callbacks from the document itself.
 */
export function dropCallbacks(operations: readonly unknown[]): void {
  for (const operation of operations) {
    if (operation !== null && typeof operation === 'object' && 'callbacks' in operation) {
      delete (operation as { callbacks?: unknown }).callbacks;
    }
  }
}
