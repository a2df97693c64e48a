/** Tells, once, that a background write started failing, and once that it works again. */
export interface OutageNotice {
  /** A write failed; the first failure of a run of them is told. */
  failed(error: unknown): void;
  /** A write succeeded; told only if the previous one had failed. */
  succeeded(): void;
}

/**
 * Creates the notice for one kind of background write (usage counts, quota windows, the store
 * lock's heartbeat): retried on a timer, a failing write would otherwise print a line every few
 * seconds for as long as a disk stays full.
 */
export function createOutageNotice(
  onNotice: (line: string) => void,
  what: string,
  consequence: () => string,
): OutageNotice {
  let failing = false;
  return {
    failed(error) {
      if (failing) return;
      failing = true;
      const reason = error instanceof Error ? error.message : String(error);
      onNotice(`${what} cannot be written to the store (${reason}): ${consequence()}`);
    },
    succeeded() {
      if (!failing) return;
      failing = false;
      onNotice(`${what} are written to the store again`);
    },
  };
}
