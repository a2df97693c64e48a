/**
 * `npm run --silent preview:slug -- --branch <name>`: prints the branch's preview slug alone
 * (GitLab's `CI_COMMIT_REF_SLUG` rule), for pipelines that link a pull request to its preview.
 */
import { PortalSettingsError } from '../config/portal-settings.ts';
import { parseSlugArguments, slugUsage } from './lib/previews/parse-preview-arguments.ts';

function main(): number {
  let parsed;
  try {
    parsed = parseSlugArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof PortalSettingsError)) throw error;
    for (const line of error.lines) console.error(`preview slug — ${line}`);
    console.error(`\n${slugUsage}`);
    return 1;
  }
  console.log(parsed === 'help' ? slugUsage : parsed.slug);
  return 0;
}

process.exitCode = main();
