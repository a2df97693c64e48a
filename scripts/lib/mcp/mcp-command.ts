import { z } from 'zod';
import { defaultPorts, toLocalUrl } from '../../../catalog/default-ports.ts';
import { visibilities } from '../../../catalog/index.ts';
import type { CommandDefinition } from '../cli/read-command-line.ts';
import { apisDirVariable } from '../cli/command-variables.ts';
import { languageVariable } from '../../../catalog/sandbox-languages.ts';

/** `npm run mcp`: its flags and usage. */
export const mcpCommand = {
  name: 'mcp',
  usage: `Usage: npm run mcp [-- --audience public|partners|internal] [--sandbox-url <url>]

Serves guichet's catalog to a coding assistant over the Model Context Protocol, on stdio
(the assistant starts this command). Tools: search_catalog, describe_operation,
list_versions, call_sandbox. Streamable HTTP is served by the sandbox itself, at
<sandbox>/_mcp (npm run sandbox).

  --audience <a>       who the catalog is for (GUICHET_AUDIENCE, default public): APIs it
                       may not see are absent from every tool
  --sandbox-url <url>  the sandbox's gateway, the only place call_sandbox reaches
                       (GUICHET_SANDBOX_URL, default ${toLocalUrl(defaultPorts.gateway)})
  -h, --help           show this help

Reads APIS_DIR (default apis). The tools refuse in GUICHET_LANGUAGE (fr or en), else in the
language of portal.yaml (GUICHET_PORTAL_FILE), as npm run sandbox does. Writes nothing; logs
to stderr only, never a tool's arguments.`,
  options: {
    audience: { type: 'string' },
    'sandbox-url': { type: 'string' },
  },
} satisfies CommandDefinition<Record<string, { type: 'string' }>>;

/** The environment `npm run mcp` reads. */
export const mcpEnvSchema = z.object({
  APIS_DIR: apisDirVariable,
  GUICHET_AUDIENCE: z
    .enum(visibilities, { error: `must be one of ${visibilities.join(', ')}` })
    .default('public'),
  GUICHET_SANDBOX_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8000' })
    .default(toLocalUrl(defaultPorts.gateway)),
  GUICHET_LANGUAGE: languageVariable,
  GUICHET_PORTAL_FILE: z.string().trim().min(1).default('portal.yaml'),
});
