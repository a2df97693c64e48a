import type { Messages } from '../fr.ts';

/** The previews server's own pages (`npm run previews`): its index and its 404. */
export const previewMessages: Pick<Messages, 'previews'> = {
  previews: {
    title: 'Branch previews',
    none: 'No preview yet. Build one with ',
    caption: (count: number): string => `${String(count)} preview(s), newest build first`,
    branch: 'Branch',
    commit: 'Commit',
    built: 'Built',
    audience: 'Audience',
    sandbox: 'Sandbox',
    noCommit: 'none',
    sandboxStopped: 'starts on the first call',
    sandboxStarting: 'starting',
    sandboxRunning: 'running',
    sandboxFailed: 'failed to start (retried on the next call)',
    notFoundTitle: 'No such preview',
    notFoundBefore: 'Nothing is served at ',
    notFoundAfter: ': its branch has no preview, or it was removed.',
    every: 'Every preview',
  },
};
