/**
 * guichet's sandbox gateway: keys, plans and quotas in front of the mock server. `server.ts`
 * runs it; tests and scripts build it with `createGateway` and `createGatewayServers`.
 */
export { createGateway, type Gateway } from './create-gateway.ts';
export { openGateway } from './open-gateway.ts';
export {
  defaultCorsOrigins,
  gatewayOptionsSchema,
  type GatewayOptions,
  type GatewayOptionsInput,
} from './gateway-options.ts';
export { createGatewayServers, type GatewayServers } from './http/create-servers.ts';
export {
  problemTypeList,
  problemTypes,
  toProblemTypeUri,
  type ProblemName,
  type ProblemType,
} from '../catalog/sandbox-problems.ts';
export { problemMediaType, type ProblemBody } from './problems/problem-body.ts';
export type { IssuedKey, KeyView, ConsumerView, SubscriptionView } from './keys/key-views.ts';
export { subscriptionStates, type SubscriptionState } from './store/key-store.ts';
export { describeStoreHolder } from './store/store-lock.ts';
export { countConsumersByOperation, type ConsumersByOperation } from './store/read-usage.ts';
export { readConsumersByOperation } from './store/read-store-usage.ts';
