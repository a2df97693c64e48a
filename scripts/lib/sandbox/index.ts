/** The sandbox launcher: `npm run sandbox` runs it alone, `npm start` beside the portal. */
export {
  SandboxCatalogError,
  SandboxStartError,
  startSandbox,
  type Sandbox,
  type StartSandboxOptions,
} from './start-sandbox.ts';
