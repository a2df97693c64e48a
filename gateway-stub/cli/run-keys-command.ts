import { planNames, type PlanName } from '../../catalog/index.ts';
import { KeyServiceError } from '../keys/key-service-error.ts';
import type { ClientService } from '../clients/client-service.ts';
import type { KeyService } from '../keys/key-service.ts';
import type { SigningKeys } from '../oauth/signing-keys.ts';
import { formatKeyTable, formatKeyView } from './format-keys.ts';

/** Commands that only read the store: on a folder with no store they say so, creating nothing. */
export const readingKeysCommands: ReadonlySet<string> = new Set(['list']);

/** Usage text of `npm run keys`. */
export const keysUsage = `Usage: npm run keys -- <command> [options]

Manage the sandbox's consumers, keys and subscriptions.

Commands:
  create --app <name> --api <api-id> [--plan free|premium|internal] [--email <address>]
         [--pending] [--expires YYYY-MM-DD]
                         issue a key to a new consumer; the key is printed alone on the
                         last line, once
  create --consumer <con_…> --api <api-id> [--plan …] [--pending] [--expires …]
                         issue a key to an existing consumer (its id is in \`list\`)
  list [--json]          list keys with their consumer and subscriptions (never the keys)
  approve <ref> [--api <api-id>]   activate a pending (or rejected) subscription
  reject <ref> [--api <api-id>]    decline a pending subscription
  revoke <ref> [--api <api-id>]    stop a key for good
  plan <ref> <plan> [--api <api-id>]   move subscriptions to another plan
  scopes <ref> <scope>… | default [--api <api-id>]
                         set the OAuth 2.0 scopes subscriptions grant (restricted ones
                         included), or go back to the API's default grant
  rotate-secret <gc_…> [--grace <seconds>]
                         draw a new client secret, printed once on the last line; the
                         previous one works for --grace seconds (default 86400, 0: stops now)
  revoke-client <gc_…>   stop a client: its secret and every token it holds fail at once
  rotate-signing-key     sign tokens with a new key; tokens already issued keep working

<ref> is a key prefix (gk_ and 8 characters), a key id (key_…), a client id (gc_…), a consumer
id (con_…: every key of the application) or a subscription id (sub_…).
Without --api, a decision applies to every subscription of the key.
--expires YYYY-MM-DD: the key stops working at 00:00 UTC of that day
  (give the next day to keep it working through a day).

Options:
  --data-dir <dir>   the sandbox's data folder (default: $GUICHET_SANDBOX_DIR or .guichet/sandbox):
                     its secret.key, and its store unless GUICHET_DATABASE_URL names one
  -h, --help         show this help

With GUICHET_DATABASE_URL (postgres://…), the commands work on the PostgreSQL store the
gateways share, from any host holding the same secret.key. With GUICHET_REDIS_URL, each
change is also announced on that Redis, as the gateways announce theirs.
Changes apply to the running gateways on their next request.`;

/** Where the command writes. */
export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** The parsed command line. */
export interface KeysCommand {
  name: string;
  positionals: string[];
  values: {
    app?: string | undefined;
    consumer?: string | undefined;
    api?: string | undefined;
    plan?: string | undefined;
    email?: string | undefined;
    expires?: string | undefined;
    pending?: boolean | undefined;
    json?: boolean | undefined;
    grace?: string | undefined;
    'data-dir'?: string | undefined;
  };
}

/** What the commands act on. */
export interface KeysServices {
  keys: KeyService;
  clients: ClientService;
  signingKeys: Pick<SigningKeys, 'rotate'>;
}

/** The flags of `npm run keys`, as `node:util` `parseArgs` reads them. */
export const keysOptions = {
  app: { type: 'string' },
  consumer: { type: 'string' },
  api: { type: 'string' },
  plan: { type: 'string' },
  email: { type: 'string' },
  expires: { type: 'string' },
  pending: { type: 'boolean' },
  json: { type: 'boolean' },
  grace: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** Runs one command against the key service; settles with the exit code once committed. */
export async function runKeysCommand(
  command: KeysCommand,
  services: KeysServices,
  output: CommandOutput,
): Promise<number> {
  const { name, positionals, values } = command;
  const { keys } = services;
  try {
    switch (name) {
      case 'create': {
        if (values.app === undefined && values.consumer === undefined) {
          throw new UsageError('create needs --app <application name>, or --consumer <con_…>');
        }
        if (values.api === undefined) throw new UsageError('create needs --api <api-id>');
        const issued = await keys.issueKey({
          application: values.app,
          email: values.email,
          consumerId: values.consumer,
          api: values.api,
          plan: toPlan(values.plan),
          status: values.pending === true ? 'pending' : 'active',
          expiresAt: values.expires,
        });
        output.out(
          `Key ${issued.prefix} for ${values.app === undefined ? '' : `"${values.app}" `}(consumer ${issued.consumerId}): API ${issued.subscription.api}, plan ${issued.subscription.plan}, ${issued.subscription.state}.`,
        );
        output.out(
          `Client ${issued.clientId}, secret ${issued.clientSecret} (client credentials, HTTP basic).`,
        );
        output.out(
          'They are shown once: the sandbox keeps only hashes. Send the key in the X-Api-Key header.',
        );
        output.out(issued.key);
        return 0;
      }
      case 'list': {
        const list = await keys.listKeys();
        if (values.json === true) output.out(JSON.stringify(list, null, 2));
        else output.out(formatKeyTable(list));
        return 0;
      }
      case 'approve':
      case 'reject':
      case 'revoke': {
        const reference = requireReference(positionals, name);
        output.out(formatKeyView(await keys.decide(reference, name, values.api)));
        return 0;
      }
      case 'plan': {
        const reference = requireReference(positionals, name);
        const plan = toPlan(positionals[1]);
        if (plan === undefined) throw new UsageError('plan needs a plan name: plan <ref> <plan>');
        output.out(formatKeyView(await keys.changePlan(reference, plan, values.api)));
        return 0;
      }
      case 'scopes': {
        const reference = requireReference(positionals, name);
        const scopes = positionals.slice(1);
        if (scopes.length === 0) {
          throw new UsageError('scopes needs scopes, or default: scopes <ref> <scope>… | default');
        }
        const chosen = scopes.length === 1 && scopes[0] === 'default' ? 'default' : scopes;
        output.out(formatKeyView(await keys.setScopes(reference, chosen, values.api)));
        return 0;
      }
      case 'rotate-secret': {
        const clientId = requireReference(positionals, name);
        const grace = values.grace === undefined ? 86_400 : Number(values.grace);
        if (!Number.isInteger(grace))
          throw new UsageError('--grace takes a whole number of seconds');
        const rotated = await services.clients.rotateSecret(clientId, grace);
        output.out(
          rotated.previousSecretValidUntil === null
            ? `New secret for ${clientId}; the previous one stopped working.`
            : `New secret for ${clientId}; the previous one works until ${rotated.previousSecretValidUntil}.`,
        );
        output.out(rotated.clientSecret);
        return 0;
      }
      case 'revoke-client': {
        const clientId = requireReference(positionals, name);
        await services.clients.revokeClient(clientId);
        output.out(
          `Client ${clientId} is revoked: its secret and tokens fail from the next request.`,
        );
        return 0;
      }
      case 'rotate-signing-key': {
        const kid = await services.signingKeys.rotate();
        output.out(
          `Tokens are now signed with key ${kid}; the previous key stays in the JWKS until the tokens it signed expire.`,
        );
        return 0;
      }
      case '':
        throw new UsageError('name a command');
      default:
        throw new UsageError(`unknown command "${name}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`keys: ${error.message}\n\n${keysUsage}`);
      return 2;
    }
    if (error instanceof KeyServiceError) {
      output.err(`keys: ${error.message}${error.hint === '' ? '' : `\n  hint: ${error.hint}`}`);
      return 1;
    }
    throw error;
  }
}

function requireReference(positionals: string[], name: string): string {
  const reference = positionals[0];
  if (reference === undefined) throw new UsageError(`${name} needs a key prefix or id`);
  return reference;
}

function toPlan(value: string | undefined): PlanName | undefined {
  if (value === undefined) return undefined;
  if ((planNames as readonly string[]).includes(value)) return value as PlanName;
  throw new UsageError(`unknown plan "${value}": use ${planNames.join(', ')}`);
}
