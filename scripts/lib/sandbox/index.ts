/** The sandbox launcher: `npm run sandbox` runs it alone, `npm start` beside the portal. */
export {
  SandboxCatalogError,
  SandboxStartError,
  startSandbox,
  type Sandbox,
  type StartSandboxOptions,
} from './start-sandbox.ts';
export {
  defaultRestartPolicy,
  type RestartPolicy,
  type SupervisorEvent,
} from './supervise-child.ts';
export { describeSandboxEvent, printSandboxEvent } from './describe-event.ts';
