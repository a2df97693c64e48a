import {
  sharedClusterVariable,
  startPostgresCluster,
  toSharedAddress,
  type PostgresCluster,
} from './postgres-cluster.ts';

/**
 * The test runner's global set-up (`--test-global-setup`): one PostgreSQL cluster for every
 * test file of a run, handed to them through the environment, stopped once they are done.
 */
let cluster: PostgresCluster | undefined;

/** Starts the run's cluster. */
export async function globalSetup(): Promise<void> {
  cluster = await startPostgresCluster();
  process.env[sharedClusterVariable] = toSharedAddress(cluster);
}

/** Stops it. */
export function globalTeardown(): void {
  cluster?.stop();
}
