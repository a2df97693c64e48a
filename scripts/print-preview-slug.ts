/**
 * `npm run --silent preview:slug -- --branch <name>`: prints the branch's preview slug alone
 * (GitLab's `CI_COMMIT_REF_SLUG` rule), for pipelines that link a pull request to its preview.
 */
import { PortalSettingsError } from '../config/portal-settings.ts';
import { exitWithSettingsProblems, readCommandLine } from './lib/cli/read-command-line.ts';
import { slugCommand, toSlugOfBranch } from './lib/previews/parse-preview-arguments.ts';

function main(): number {
  const { values } = readCommandLine(slugCommand);
  let slug;
  try {
    slug = toSlugOfBranch(values);
  } catch (error) {
    if (!(error instanceof PortalSettingsError)) throw error;
    exitWithSettingsProblems(slugCommand, error.lines);
  }
  console.log(slug);
  return 0;
}

process.exitCode = main();
