import type { Locator, Page } from '@playwright/test';
import { toStoredKeysName } from '../../../site/scripts/sandbox-keys.ts';

/** The "Get a trial key" block of an API page's sandbox section. */
export class TrialKeyForm {
  readonly page: Page;
  /** The portal's base path: keys are stored per base path (one sandbox each). */
  readonly base: string;

  constructor(page: Page, base = '/') {
    this.page = page;
    this.base = base;
  }

  get root(): Locator {
    return this.page.locator('#trial-key');
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Get a trial key' });
  }

  get application(): Locator {
    return this.form.getByLabel('Application name');
  }

  get email(): Locator {
    return this.form.getByLabel('Contact email');
  }

  get terms(): Locator {
    return this.form.getByRole('checkbox', { name: 'I accept the sandbox terms' });
  }

  /** The refusal or failure, announced as an alert. */
  get message(): Locator {
    return this.root.getByRole('alert');
  }

  /** The error shown under one field (`application`, `email`, `terms`). */
  fieldError(field: 'application' | 'email' | 'terms'): Locator {
    return this.page.locator(`#trial-${field}-error`);
  }

  get result(): Locator {
    return this.page.locator('#trial-key-result');
  }

  get key(): Locator {
    return this.page.locator('#trial-key-value');
  }

  /** The trial application's client id, shown with the key. */
  get clientId(): Locator {
    return this.page.locator('#trial-client-id');
  }

  /** Its client secret, shown once. */
  get clientSecret(): Locator {
    return this.page.locator('#trial-client-secret');
  }

  /** "This browser already holds a key for this API". */
  get storedNotice(): Locator {
    return this.page.locator('#trial-key-stored');
  }

  /** What a visitor without JavaScript reads instead of the form. */
  get fallback(): Locator {
    return this.root.locator('[data-trial-key-fallback]');
  }

  async fill(values: { application: string; email: string; acceptTerms: boolean }): Promise<void> {
    await this.application.fill(values.application);
    await this.email.fill(values.email);
    await this.terms.setChecked(values.acceptTerms);
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Get a trial key' }).click();
  }

  /** The keys the portal saved in this browser, by API id. */
  async storedKeys(): Promise<Record<string, string>> {
    const raw = await this.page.evaluate(
      (name) => window.localStorage.getItem(name),
      toStoredKeysName(this.base),
    );
    return raw === null ? {} : (JSON.parse(raw) as Record<string, string>);
  }
}
