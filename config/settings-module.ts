import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { PortalIdentity } from './load-portal-file.ts';
import type { PortalSettings } from './portal-settings.ts';

const moduleId = 'virtual:guichet/settings';
const resolvedId = `\0${moduleId}`;
const themeStylesId = 'virtual:guichet/theme.css';

/**
 * Hands the build's settings and the portal's identity (`portal.yaml`) to the pages as `virtual:guichet/settings`, so a page never reads
 * the environment itself and every page of one build sees the same values. `virtual:guichet/theme.css`
 * is the stylesheet of the theme portal.yaml chose (`site/styles/theme-<theme>.css`): a build
 * carries its own theme's styles only.
 */
export function createSettingsModule(settings: PortalSettings, identity: PortalIdentity): Plugin {
  return {
    name: 'guichet:settings',
    resolveId(id) {
      if (id === themeStylesId) {
        return fileURLToPath(
          new URL(`../site/styles/theme-${identity.theme}.css`, import.meta.url),
        );
      }
      return id === moduleId ? resolvedId : undefined;
    },
    load(id) {
      if (id !== resolvedId) return undefined;
      return [
        `export const sandboxUrl = ${JSON.stringify(settings.sandboxUrl)};`,
        `export const adminUrl = ${JSON.stringify(settings.adminUrl)};`,
        `export const snapshotPath = ${JSON.stringify(settings.snapshotPath)};`,
        `export const identity = ${JSON.stringify(identity)};`,
      ].join('\n');
    },
  };
}
