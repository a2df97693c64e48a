/**
 * The branch previews the end-to-end tests browse: two "branches" of one small fixture APIs
 * folder, alike but for the example the postal-codes API answers, built with
 * `npm run build:preview` and served side by side by `npm run previews` on a test port.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const previewsPort = Number(process.env.GUICHET_E2E_PREVIEWS_PORT ?? 4570);
export const previewsOrigin = `http://127.0.0.1:${String(previewsPort)}`;

/** Everything the run writes: the branches' APIs folders and the previews folder. */
export const e2ePreviewsRoot = '.guichet/e2e-previews';
export const previewsDir = join(e2ePreviewsRoot, 'previews');
const fixtureApisDir = 'test/e2e-previews/fixtures/apis';

/** The example answer of the fixture, which each branch changes to tell itself apart. */
export const fixtureExample = 'Lyon 1er Arrondissement';

/** One previewed branch. */
export interface E2eBranch {
  branch: string;
  slug: string;
  /** The postal-codes API's example answer on this branch. */
  example: string;
}

export const mainBranch: E2eBranch = { branch: 'main', slug: 'main', example: fixtureExample };
export const featureBranch: E2eBranch = {
  branch: 'feature/Add-API_v2',
  slug: 'feature-add-api-v2',
  example: 'Villeurbanne',
};

/** The public fixture API: trial keys are active at once. */
export const publicApi = { id: 'postal-codes', version: 'v1', anchor: 'get-communes' };
/** The restricted fixture API (partners): only an internal portal lists it. */
export const restrictedApi = { id: 'staff-lookup', title: 'Annuaire des agents habilités' };

/** The branch's own copy of the fixture APIs, with its example answer. */
export function toApisDir(branch: E2eBranch): string {
  return join(e2ePreviewsRoot, 'branches', branch.slug, 'apis');
}

/** Writes the branch's APIs folder: the fixture, with the branch's example in the document. */
export async function writeBranchApis(branch: E2eBranch): Promise<void> {
  const apisDir = toApisDir(branch);
  await rm(apisDir, { recursive: true, force: true });
  await cp(fixtureApisDir, apisDir, { recursive: true });
  const document = join(apisDir, publicApi.id, 'openapi.yaml');
  const text = await readFile(document, 'utf8');
  await writeFile(document, text.replace(fixtureExample, branch.example));
}

/** Runs `npm run build:preview` (its script, with this Node) for the branch. */
export async function buildBranchPreview(branch: E2eBranch): Promise<void> {
  const child = spawn(
    process.execPath,
    ['scripts/build-preview.ts', '--branch', branch.branch, '--previews-dir', previewsDir],
    {
      stdio: 'inherit',
      // The previews' tests read the English interface (the page objects are shared with test/e2e).
      env: {
        ...process.env,
        APIS_DIR: toApisDir(branch),
        GUICHET_PORTAL_FILE: 'test/e2e/fixtures/portal/en.yaml',
      },
    },
  );
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the preview of ${branch.branch} failed (exit ${String(code)})`);
}
