import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretFileName } from '../../../../gateway-stub/store/data-files.ts';
import { startGatewayProcess, type GatewayProcess } from './start-gateway-process.ts';

/** Several gateway processes serving one sandbox: one store, one secret, one Redis. */
export interface GatewayFleet {
  gateways: GatewayProcess[];
  /** Each gateway's data folder (its own logs and lock; the same secret.key). */
  dataDirs: string[];
  /** Stops every gateway and deletes their folders. */
  close(): Promise<void>;
}

/**
 * Starts `count` real gateways (`gateway-stub/server.ts`, each its own Node process) with the
 * same `secret.key`, as instances of one deployment have, and `env` (the store's and Redis's
 * URLs); resolves once each answers.
 */
export async function startGatewayFleet(
  count: number,
  upstreamUrl: string,
  env: Record<string, string>,
): Promise<GatewayFleet> {
  const secret = randomBytes(32).toString('base64url');
  const dataDirs = Array.from({ length: count }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-fleet-'));
    writeFileSync(join(dir, secretFileName), secret, { mode: 0o600 });
    return dir;
  });
  const gateways: GatewayProcess[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    // One after the other: the first applies the schema, the others find it done.
    for (const dir of dataDirs) {
      const gateway = await startGatewayProcess(dir, upstreamUrl, env);
      gateways.push(gateway);
      await gateway.ready();
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { gateways, dataDirs, close };
}
