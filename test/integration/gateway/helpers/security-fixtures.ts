import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatProblem, loadCatalog, type Catalog } from '../../../../catalog/index.ts';
import { createMockServer } from '../../../../mock-server/create-mock-server.ts';
import type { TestGateway } from './start-test-gateway.ts';

/** Fixture APIs declaring every security scheme the sandbox takes (`coffre`, `registre`). */
export const securityApisDir = 'test/fixtures/security/apis';

let catalog: Promise<Catalog> | undefined;

/** The security fixtures' catalog, loaded once per test file. */
export function loadSecurityCatalog(): Promise<Catalog> {
  catalog ??= loadCatalog({ apisDir: securityApisDir, audience: 'internal' }).then((result) => {
    if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
    return result.catalog;
  });
  return catalog;
}

/** The real mock server (Prism in-process) over the security fixtures. */
export async function startSecurityMock(): Promise<{ url: string; close(): Promise<void> }> {
  const mock = createMockServer({ catalog: await loadSecurityCatalog(), prepareWorkers: 1 });
  const server = createServer(mock.handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  await mock.prepareAll();
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mock.close();
    },
  };
}

/** A trial application as `POST /keys` issues it. */
export interface Application {
  key: string;
  prefix: string;
  keyId: string;
  consumerId: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Issues a trial application (key, client id and secret) for `api` through the admin API, as
 * an administrator would for a partner; fails the test unless it is issued.
 */
export async function issueApplication(
  test: Pick<TestGateway, 'adminUrl' | 'admin'>,
  application: string,
  api: string,
): Promise<Application> {
  const response = await fetch(`${test.adminUrl}/keys`, {
    method: 'POST',
    headers: { ...test.admin, 'content-type': 'application/json' },
    body: JSON.stringify({ application, api }),
  });
  if (response.status !== 201) {
    throw new Error(`issuing an application for ${api} gave ${String(response.status)}`);
  }
  return (await response.json()) as Application;
}

/** `Authorization: Basic` of a client id and secret. */
export function toBasic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

/** Asks the sandbox's token endpoint for a token by client_secret_basic. */
export async function requestToken(
  baseUrl: string,
  app: Pick<Application, 'clientId' | 'clientSecret'>,
  scope?: string,
): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope !== undefined) body.set('scope', scope);
  return fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: toBasic(app.clientId, app.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  });
}

/** A token for the application, failing the test when none is issued. */
export async function getToken(
  baseUrl: string,
  app: Pick<Application, 'clientId' | 'clientSecret'>,
  scope?: string,
): Promise<string> {
  const response = await requestToken(baseUrl, app, scope);
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || body.access_token === undefined) {
    throw new Error(`no token (${String(response.status)}): ${JSON.stringify(body)}`);
  }
  return body.access_token;
}
