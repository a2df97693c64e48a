/**
 * One way the processes of a sandbox tell each other that what the gateways cache changed —
 * a key revoked, a subscription approved, rejected or moved to another plan, a secret rotated,
 * a signing key drawn — so each drops its caches before its next request. PostgreSQL's
 * LISTEN/NOTIFY (`postgres/change-listener.ts`) and Redis's pub/sub
 * (`redis-change-channel.ts`) are its implementations; a sandbox on both has both, and a
 * change heard twice only drops the caches twice.
 */
export interface ChangeChannel {
  /**
   * Tells the others that this process changed something, once the change is committed.
   * PostgreSQL's announces within the commit itself, so there this does nothing.
   */
  announce(): void;
  /** Waits for the announcements under way, then stops listening. */
  close(): Promise<void>;
}
