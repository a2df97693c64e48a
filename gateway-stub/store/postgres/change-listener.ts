import type pg from 'pg';
import { connectPostgresClient } from '../../../catalog/postgres/open-postgres.ts';
import type { ChangeChannel } from '../change-channel.ts';
import { changeChannel } from './postgres-queries.ts';

/** A session listening for the changes other processes announce: the PostgreSQL channel. */
export type ChangeListener = ChangeChannel;

/** What the listener is told to do. */
export interface ChangeListenerOptions {
  url: string;
  /** This process's name in the announcements: its own are not news. */
  instance: string;
  /** Something changed (or may have, while the session was lost): drop the caches. */
  onChange: () => void;
  /** The session was lost, then is back: told once each. */
  onLost: (error: unknown) => void;
  onBack: () => void;
}

/** Waits between attempts to listen again: short at first, at most five seconds. */
const firstRetryMs = 250;
const lastRetryMs = 5_000;

/**
 * Listens on `changeChannel` (PostgreSQL's LISTEN/NOTIFY): every write to what the gateways
 * cache announces itself as it commits (`inChangeTransaction`), and each listening gateway drops
 * its caches before its next request. A lost session (the database restarted, the network
 * cut) is opened again in the background, retrying; once back, the caches are dropped, since
 * changes announced meanwhile were missed. Until then the caches go on answering: keys already
 * seen keep working while the database is away. Throws when the first session cannot be opened.
 */
export async function listenForChanges(options: ChangeListenerOptions): Promise<ChangeListener> {
  let client: pg.Client | undefined;
  let closing = false;
  let retryMs = firstRetryMs;
  let timer: NodeJS.Timeout | undefined;

  const open = async (): Promise<void> => {
    const opened = await connectPostgresClient(options.url);
    opened.on('notification', (message) => {
      if (message.channel === changeChannel && message.payload !== options.instance) {
        options.onChange();
      }
    });
    const lost = (error?: unknown): void => {
      if (client !== opened) return;
      client = undefined;
      opened.removeAllListeners('notification');
      void opened.end().catch(() => undefined);
      if (closing) return;
      options.onLost(error ?? new Error('the session ended'));
      schedule();
    };
    opened.on('error', lost);
    opened.on('end', () => {
      lost();
    });
    try {
      await opened.query(`LISTEN ${changeChannel}`);
    } catch (error) {
      await opened.end().catch(() => undefined);
      throw error;
    }
    if (closing) {
      await opened.end().catch(() => undefined);
      return;
    }
    client = opened;
  };

  const schedule = (): void => {
    timer = setTimeout(() => {
      timer = undefined;
      open().then(
        () => {
          retryMs = firstRetryMs;
          // Whatever was announced while the session was lost was missed.
          options.onChange();
          options.onBack();
        },
        () => {
          if (closing) return;
          retryMs = Math.min(retryMs * 2, lastRetryMs);
          schedule();
        },
      );
    }, retryMs);
    timer.unref();
  };

  await open();
  return {
    announce() {
      // Nothing to send: each change announced itself as it committed (`inChangeTransaction`).
    },
    async close() {
      closing = true;
      if (timer !== undefined) clearTimeout(timer);
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}
