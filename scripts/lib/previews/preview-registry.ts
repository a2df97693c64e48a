import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createStaticHandler, type StaticHandler } from '../portal/create-static-server.ts';
import { previewFiles, readPreviewManifest, type PreviewManifest } from './preview-manifest.ts';
import type { PreviewSandbox } from './start-preview-sandbox.ts';
import { isPreviewSlug } from './to-preview-slug.ts';

/** One built preview as the server serves it. */
export interface Preview {
  slug: string;
  manifest: PreviewManifest;
  /** Serves the branch's static portal under `/<slug>/`, with its own 404 page. */
  serveSite: StaticHandler;
}

/** Where a preview's sandbox is in its life. */
export type SandboxState = 'stopped' | 'starting' | 'running' | 'failed';

/** A preview as the index lists it. */
export interface PreviewListing {
  manifest: PreviewManifest;
  sandbox: SandboxState;
}

/** What the registry needs from the server around it. */
export interface PreviewRegistryOptions {
  previewsDir: string;
  /** The origin reviewers reach the server on (for the gateway's deprecation links). */
  publicUrl: () => string;
  /** A sandbox unused this long is stopped (it starts again on the next call); 0: never. */
  idleMs: number;
  log: (line: string) => void;
  onError: (error: unknown) => void;
}

/** The previews found in a folder, each with its sandbox started on demand. */
export interface PreviewRegistry {
  /** The current build of a preview, or undefined when there is none. */
  find(slug: string): Promise<Preview | undefined>;
  /** The preview's running sandbox, started (from its own snapshot) if needed. */
  useSandbox(preview: Preview): Promise<PreviewSandbox>;
  /** Every preview of the folder, newest build first. */
  list(): Promise<PreviewListing[]>;
  /** Stops every sandbox. */
  close(): Promise<void>;
}

interface Entry {
  preview: Preview;
  dir: string;
  state: SandboxState;
  sandbox: Promise<PreviewSandbox> | undefined;
  lastUsed: number;
  /** The earlier build's sandbox stopping: the next one waits, as both use the same store. */
  stopping: Promise<void>;
  retired: boolean;
}

/** What was last seen in a preview's folder: its manifest's identity and what it held. */
interface Seen {
  stamp: string;
  entry: Entry | undefined;
}

/**
 * Keeps track of the previews in `previewsDir`. Each request looks at the preview's
 * `preview.json` (one `stat`): a build replaces that file last, so a changed file means a new
 * build, whose static files are served from then on and whose sandbox replaces the old one.
 * A sweep every minute does the same for previews nobody is looking at, and stops idle sandboxes.
 */
export function createPreviewRegistry(options: PreviewRegistryOptions): PreviewRegistry {
  const seen = new Map<string, Seen>();
  const loading = new Map<string, { stamp: string; done: Promise<Entry | undefined> }>();
  const entries = new WeakMap<Preview, Entry>();

  async function find(slug: string): Promise<Entry | undefined> {
    if (!isPreviewSlug(slug)) return undefined;
    const dir = join(options.previewsDir, slug);
    const stamp = await readStamp(dir);
    const known = seen.get(slug);
    if (known?.stamp === stamp) return known.entry;
    const pending = loading.get(slug);
    if (pending?.stamp === stamp) return pending.done;
    // Loads of one preview run in turn, so each retires the entry the one before it made.
    const done = (pending?.done ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => load(slug, dir, stamp))
      .finally(() => {
        if (loading.get(slug)?.done === done) loading.delete(slug);
      });
    loading.set(slug, { stamp, done });
    return done;
  }

  async function load(slug: string, dir: string, stamp: string): Promise<Entry | undefined> {
    const manifest = stamp === '' ? undefined : await readPreviewManifest(dir);
    const previous = seen.get(slug)?.entry;
    const wasRunning = previous?.sandbox !== undefined;
    const stopping = previous === undefined ? Promise.resolve() : retire(previous);
    if (manifest?.slug !== slug) {
      // Remember a folder that holds no valid preview, not every name a URL may try.
      if (stamp === '') seen.delete(slug);
      else seen.set(slug, { stamp, entry: undefined });
      if (previous !== undefined) options.log(`${slug}: removed`);
      return undefined;
    }
    const preview: Preview = {
      slug,
      manifest,
      serveSite: createStaticHandler({ dir: join(dir, previewFiles.site), base: `/${slug}/` }),
    };
    const entry: Entry = {
      preview,
      dir,
      state: 'stopped',
      sandbox: undefined,
      lastUsed: Date.now(),
      stopping,
      retired: false,
    };
    entries.set(preview, entry);
    seen.set(slug, { stamp, entry });
    const commit = manifest.commit?.slice(0, 10) ?? 'no commit';
    options.log(`${slug}: ${previous ? 'rebuilt' : 'found'} (${manifest.branch}, ${commit})`);
    // A sandbox in use is replaced at once, so the next call already answers from the new build.
    if (wasRunning) void startSandbox(entry).catch(options.onError);
    return entry;
  }

  function startSandbox(entry: Entry): Promise<PreviewSandbox> {
    entry.lastUsed = Date.now();
    entry.sandbox ??= (async () => {
      entry.state = 'starting';
      try {
        await entry.stopping;
        // Loaded with the first sandbox: Prism and the gateway weigh ~135 MiB a server that
        // only serves static pages does not need.
        const { startPreviewSandbox } = await import('./start-preview-sandbox.ts');
        const sandbox = await startPreviewSandbox({
          snapshotFile: join(entry.dir, previewFiles.sandbox, 'catalog.json'),
          audience: entry.preview.manifest.audience,
          dataDir: join(entry.dir, previewFiles.sandboxData),
          portalUrl: `${options.publicUrl()}/${entry.preview.slug}`,
          onError: options.onError,
        });
        entry.state = 'running';
        options.log(
          `${entry.preview.slug}: sandbox started (gateway ${sandbox.url}, admin ${sandbox.adminUrl})`,
        );
        return sandbox;
      } catch (error) {
        entry.state = 'failed';
        entry.sandbox = undefined;
        throw error;
      }
    })();
    return entry.sandbox;
  }

  async function stopSandbox(entry: Entry): Promise<void> {
    const running = entry.sandbox;
    entry.sandbox = undefined;
    entry.state = 'stopped';
    const sandbox = await running?.catch(() => undefined);
    await sandbox?.close();
  }

  function retire(entry: Entry): Promise<void> {
    entry.retired = true;
    entry.stopping = stopSandbox(entry).catch(options.onError);
    return entry.stopping;
  }

  async function sweep(): Promise<void> {
    const now = Date.now();
    for (const slug of [...seen.keys()]) {
      const entry = await find(slug);
      if (entry?.state !== 'running' || options.idleMs === 0) continue;
      if (now - entry.lastUsed < options.idleMs) continue;
      options.log(`${slug}: sandbox stopped after ${String(options.idleMs / 60_000)} idle minutes`);
      entry.stopping = stopSandbox(entry).catch(options.onError);
    }
  }
  const sweeper = setInterval(() => {
    sweep().catch(options.onError);
  }, 60_000);
  sweeper.unref();

  return {
    find: async (slug) => (await find(slug))?.preview,
    useSandbox(preview) {
      const entry = entries.get(preview);
      if (entry === undefined || entry.retired) {
        return Promise.reject(new Error(`the build of ${preview.slug} was replaced`));
      }
      return startSandbox(entry);
    },
    async list() {
      let names: string[] = [];
      try {
        const folders = await readdir(options.previewsDir, { withFileTypes: true });
        names = folders.filter((folder) => folder.isDirectory()).map((folder) => folder.name);
      } catch {
        // No previews folder yet: nothing was built.
      }
      const found = await Promise.all(names.map(find));
      return found
        .filter((entry): entry is Entry => entry !== undefined)
        .map((entry) => ({ manifest: entry.preview.manifest, sandbox: entry.state }))
        .sort((a, b) => b.manifest.builtAt.localeCompare(a.manifest.builtAt));
    },
    async close() {
      clearInterval(sweeper);
      const all = [...seen.values()].flatMap((item) => (item.entry ? [item.entry] : []));
      await Promise.all(all.map(retire));
    },
  };
}

/** The manifest's identity (a build renames a new file over it), or '' when there is none. */
async function readStamp(dir: string): Promise<string> {
  try {
    const info = await stat(join(dir, previewFiles.manifest));
    return `${String(info.ino)}:${String(info.mtimeMs)}:${String(info.size)}`;
  } catch {
    return '';
  }
}
