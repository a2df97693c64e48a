/**
 * First half of Playwright's web server for the previews tests: starts from an empty previews
 * folder and builds both branches' previews, one after the other (they share Astro's project
 * folder). The command then runs `npm run previews` on the test port.
 */
import { rm } from 'node:fs/promises';
import {
  buildBranchPreview,
  e2ePreviewsRoot,
  featureBranch,
  mainBranch,
  writeBranchApis,
} from './e2e-previews.ts';

await rm(e2ePreviewsRoot, { recursive: true, force: true });
for (const branch of [mainBranch, featureBranch]) {
  await writeBranchApis(branch);
  await buildBranchPreview(branch);
}
