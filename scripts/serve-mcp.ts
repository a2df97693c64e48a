/**
 * `npm run mcp`: guichet's MCP server on stdio, for an assistant to start. stdout carries the
 * protocol only; every message of ours goes to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { formatProblem, loadCatalog, visibilities, type Visibility } from '../catalog/index.ts';
import { defaultSandboxLanguage } from '../catalog/sandbox-languages.ts';
import { loadPortalFile } from '../config/load-portal-file.ts';
import { createMcpServer } from '../mcp/create-mcp-server.ts';
import { readCommandEnvironment } from './lib/cli/read-command-environment.ts';
import { exitWithUsage, readCommandLine } from './lib/cli/read-command-line.ts';
import { mcpCommand, mcpEnvSchema } from './lib/mcp/mcp-command.ts';

const { values } = readCommandLine(mcpCommand);
const env = readCommandEnvironment('mcp', mcpEnvSchema);
const audience = values.audience ?? env.GUICHET_AUDIENCE;
if (!(visibilities as readonly string[]).includes(audience)) {
  exitWithUsage(mcpCommand, `--audience must be one of ${visibilities.join(', ')}`);
}
const sandboxUrl = values['sandbox-url'] ?? env.GUICHET_SANDBOX_URL;
if (!URL.canParse(sandboxUrl) || !/^https?:$/.test(new URL(sandboxUrl).protocol)) {
  exitWithUsage(mcpCommand, '--sandbox-url must be an http(s) URL such as http://127.0.0.1:8000');
}

const result = await loadCatalog({
  apisDir: env.APIS_DIR,
  audience: audience as Visibility,
  brokenApis: 'leave-out',
});
for (const problem of result.problems) process.stderr.write(`${formatProblem(problem)}\n`);
if (result.failed) process.exit(1);
// The sandbox's language: GUICHET_LANGUAGE, else portal.yaml's (absent, the default).
const portal =
  env.GUICHET_LANGUAGE === undefined ? await loadPortalFile(env.GUICHET_PORTAL_FILE) : undefined;
for (const problem of portal?.problems ?? []) process.stderr.write(`${formatProblem(problem)}\n`);
if (portal !== undefined && portal.identity === undefined) process.exit(1);
const language = env.GUICHET_LANGUAGE ?? portal?.identity?.language ?? defaultSandboxLanguage;

const server = createMcpServer({
  catalog: result.catalog,
  audience: audience as Visibility,
  sandboxUrl,
  language,
});
await server.connect(new StdioServerTransport());
process.stderr.write(
  `mcp: ${String(result.catalog.apis.length)} APIs for the ${audience} audience on stdio; call_sandbox reaches ${sandboxUrl}\n`,
);
