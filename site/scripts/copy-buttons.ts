import { readClientMessages } from '../i18n/client.ts';
/**
 * "Copy" buttons: `<button data-copy="<element id>" data-copy-label="the key" hidden>`. They
 * stay hidden without JavaScript, where selecting the text is the way to copy it.
 */
export function startCopyButtons(root: ParentNode, announce: (message: string) => void): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      void copyFrom(button, announce);
    });
  }
}

async function copyFrom(
  button: HTMLButtonElement,
  announce: (message: string) => void,
): Promise<void> {
  const target = document.getElementById(button.dataset.copy ?? '');
  if (!target) return;
  const label = button.dataset.copyLabel ?? readClientMessages().theText;
  try {
    await navigator.clipboard.writeText(target.textContent);
    announce(readClientMessages().copied(label));
  } catch {
    // The clipboard needs a secure context and the page's focus; selecting still helps then.
    const range = document.createRange();
    range.selectNodeContents(target);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    announce(readClientMessages().copyBlocked(label));
  }
}

/**
 * An announcer writing into a `role="status"` element. The text is cleared first so the same
 * message, repeated, is announced again.
 */
export function createAnnouncer(region: HTMLElement | null): (message: string) => void {
  return (message) => {
    if (!region) return;
    region.textContent = '';
    window.setTimeout(() => {
      region.textContent = message;
    }, 50);
  };
}
