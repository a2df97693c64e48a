import assert from 'node:assert/strict';
import { PortalSettingsError } from '../../config/portal-settings.ts';

/** The lines a refused setting or argument prints; fails the test when it was accepted. */
export function toSettingsErrorLines(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PortalSettingsError) return error.lines;
    throw error;
  }
  assert.fail('the settings were accepted');
}
