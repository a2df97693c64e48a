import { access, readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { checkConfined } from '../catalog/confine-path.ts';
import { describeIssue } from '../catalog/describe-issue.ts';
import { toDisplayPath } from '../catalog/display-path.ts';
import { toFieldPath, type CatalogProblem } from '../catalog/problems.ts';
import { readSourceFile } from '../catalog/source-file.ts';
import {
  checkedPortalFileSchema,
  portalFileSchema,
  type PortalFile,
  type PortalLanguage,
} from './portal-file.ts';

/** What the pages need of `portal.yaml`: its settings, the logo read into a `data:` URL. */
export interface PortalIdentity extends Omit<PortalFile, 'logo' | 'languages'> {
  /** The languages built, the default (`language`) among them; `[language]` when unset. */
  languages: PortalLanguage[];
  /** The logo as a `data:` URL (no request, any base path), when one is set. */
  logoUrl?: string;
}

/** A logo bigger than this would weigh on every page it is inlined in. */
export const maxLogoBytes = 64 * 1024;

const logoTypes: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Reads and validates `portal.yaml` at `path`; a missing file gives the defaults. Every mistake
 * becomes a `file:line — field — message — hint` problem, and the identity is then undefined.
 */
export async function loadPortalFile(
  path: string,
): Promise<{ identity?: PortalIdentity; problems: CatalogProblem[] }> {
  const problems: CatalogProblem[] = [];
  const absolutePath = resolve(path);
  if (!(await exists(absolutePath)))
    return { identity: toIdentity(portalFileSchema.parse({})), problems };
  const folder = dirname(absolutePath);
  const file = await readSourceFile(absolutePath, folder, problems);
  if (!file) return { problems };
  const input = file.value ?? {};
  const result = checkedPortalFileSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const described of describeIssue(issue, portalFileSchema, input)) {
        problems.push({
          file: file.displayPath,
          line: file.lineOf(described.linePath ?? described.path),
          field: toFieldPath(described.path),
          message: described.message,
          hint: described.hint,
          severity: 'error',
        });
      }
    }
    return { problems };
  }
  const { logo, ...settings } = result.data;
  if (logo === undefined) return { identity: toIdentity(result.data), problems };
  const where = { file: file.displayPath, line: file.lineOf(['logo']), field: 'logo' };
  const logoUrl = await readLogo(resolve(folder, logo), folder, where, problems);
  return logoUrl === undefined
    ? { problems }
    : { identity: { ...toIdentity(settings), logoUrl }, problems };
}

function toIdentity(
  file: Omit<PortalFile, 'logo'> & { logo?: string | undefined },
): PortalIdentity {
  const settings: Omit<PortalFile, 'logo'> & { logo?: string | undefined } = { ...file };
  delete settings.logo;
  const { languages, ...rest } = settings;
  return { ...rest, languages: languages ?? [file.language] };
}

async function readLogo(
  path: string,
  folder: string,
  where: Pick<CatalogProblem, 'file' | 'line' | 'field'>,
  problems: CatalogProblem[],
): Promise<string | undefined> {
  const refuse = (message: string, hint: string): string | undefined => {
    problems.push({ ...where, message, hint, severity: 'error' });
    return undefined;
  };
  const type = logoTypes[extname(path).toLowerCase()];
  if (!type) return refuse('must be an .svg or .png file', 'export the logo as SVG or PNG');
  if (!(await checkConfined(path, folder, problems))) return undefined;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return refuse(
      `${toDisplayPath(path)} does not exist`,
      'give the logo path from the folder of portal.yaml',
    );
  }
  if (size > maxLogoBytes) {
    return refuse(
      `is ${String(size)} bytes, over ${String(maxLogoBytes)}`,
      'simplify the SVG or shrink the PNG',
    );
  }
  // Shown through <img>, where an SVG's scripts and outside references never run or load.
  return `data:${type};base64,${(await readFile(path)).toString('base64')}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
