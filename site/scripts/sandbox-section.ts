import { createAnnouncer, startCopyButtons } from './copy-buttons.ts';
import { startSandboxDataReset } from './sandbox-data.ts';
import { startTrialKeyForm } from './trial-key-form.ts';

/**
 * The API page's one script: the sandbox section's trial-key form, copy buttons and the reset
 * of the partner's sandbox data. Everything else on the page is static HTML.
 */
export function startSandboxSection(): void {
  const section = document.querySelector<HTMLElement>('#sandbox');
  if (!section) return;
  showAbsoluteSandboxUrls(section);
  startCopyButtons(section, createAnnouncer(section.querySelector<HTMLElement>('#copy-status')));
  startTrialKeyForm(section);
  startSandboxDataReset(section);
}

/**
 * A sandbox served beside the portal is known at build time only as a path (`/x/_sandbox`); a
 * command pasted in a terminal needs the whole URL, which the page's origin completes.
 */
function showAbsoluteSandboxUrls(section: HTMLElement): void {
  const sandboxUrl = section.querySelector<HTMLElement>('#trial-key')?.dataset.sandboxUrl;
  if (!sandboxUrl?.startsWith('/')) return;
  const absolute = `${location.origin}${sandboxUrl}`;
  for (const element of section.querySelectorAll('#sandbox-curl, [data-sandbox-url]')) {
    const text = element.textContent;
    if (text.includes(`'${sandboxUrl}`)) {
      element.textContent = text.replaceAll(`'${sandboxUrl}`, `'${absolute}`);
    } else if (text.startsWith(sandboxUrl)) {
      element.textContent = `${absolute}${text.slice(sandboxUrl.length)}`;
    }
  }
}
