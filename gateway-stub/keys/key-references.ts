import { isClientIdShaped } from '../clients/client-format.ts';
import type { ClientStore } from '../store/client-store.ts';
import type { KeyStore, SubscriptionRecord } from '../store/key-store.ts';
import { isKeyPrefix } from './key-format.ts';
import { KeyServiceError } from './key-service-error.ts';

/** How an administrator names what a decision applies to, as the CLI and admin API say it. */
export const referenceHint =
  'name a key by its prefix (gk_ and 8 characters) or its id (key_…), a client by its id (gc_…), an application by its consumer id (con_…), or a subscription by its id (sub_…); `list` shows them';

/**
 * The subscriptions a reference names: one subscription (`sub_…`), those of a key (its prefix
 * `gk_…` or id `key_…`), of a client's key (`gc_…`), or of every key of a consumer (`con_…`,
 * the application) — limited to one API when `api` is given.
 */
export async function findSubscriptions(
  store: KeyStore,
  clients: ClientStore,
  reference: string,
  api?: string,
): Promise<SubscriptionRecord[]> {
  const single = await store.findSubscription(reference);
  if (single) return api === undefined || single.api === api ? [single] : [];
  const keyIds = await findKeyIds(store, clients, reference);
  if (keyIds === undefined) {
    throw new KeyServiceError(
      'unknown-subscription',
      `no key or subscription "${reference}"`,
      referenceHint,
    );
  }
  const subscriptions: SubscriptionRecord[] = [];
  for (const keyId of keyIds) subscriptions.push(...(await store.listSubscriptionsOfKey(keyId)));
  return api === undefined ? subscriptions : subscriptions.filter((item) => item.api === api);
}

/** The keys a reference names, or undefined when it names nothing. */
async function findKeyIds(
  store: KeyStore,
  clients: ClientStore,
  reference: string,
): Promise<string[] | undefined> {
  if (reference.startsWith('con_')) {
    if (!(await store.findConsumerById(reference))) return undefined;
    return (await store.listKeysOfConsumer(reference)).map((key) => key.id);
  }
  if (isClientIdShaped(reference)) {
    const client = await clients.findClient(reference);
    return client === undefined ? undefined : [client.keyId];
  }
  const key = await (isKeyPrefix(reference)
    ? store.findKeyByPrefix(reference)
    : store.findKeyById(reference));
  return key === undefined ? undefined : [key.id];
}
