import { z } from 'zod';

/** What a sandbox server tells its launcher about its ports (`report-listening.ts`). */
export const listenMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('guichet:listening'), port: z.number().int() }),
  z.object({ type: z.literal('guichet:listen-failed'), port: z.number().int(), code: z.string() }),
]);

/** One message of a sandbox server about its ports. */
export type ListenMessage = z.infer<typeof listenMessageSchema>;
