import { createGateway, assembleGateway, type Gateway } from './create-gateway.ts';
import { parseGatewayOptions, type GatewayOptionsInput } from './gateway-options.ts';
import { openPostgresGatewayStore } from './store/postgres/open-postgres-store.ts';

/**
 * Opens a gateway on its store: PostgreSQL when `databaseUrl` names one (its schema applied,
 * its secret checked, before anything listens), else the data folder's SQLite file as
 * `createGateway` does. A database that cannot be reached throws `PostgresOpenError` naming
 * `host:port/database` and why, never the password.
 */
export async function openGateway(input: GatewayOptionsInput): Promise<Gateway> {
  const options = parseGatewayOptions(input);
  const { databaseUrl } = options;
  if (databaseUrl === undefined) return createGateway(input);
  const shared = await openPostgresGatewayStore({
    url: databaseUrl,
    onNotice:
      options.onNotice ??
      ((line) => {
        console.error(`gateway: ${line}`);
      }),
  });
  let assembled;
  try {
    assembled = assembleGateway(options, () => shared);
  } catch (error) {
    await shared.close();
    throw error;
  }
  try {
    await assembled.ready;
  } catch (error) {
    await assembled.gateway.close();
    throw error;
  }
  return assembled.gateway;
}
