import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderCheckedMarkdown } from './markdown/render-checked.ts';
import type { CatalogGuide } from './model.ts';
import type { CatalogProblem } from './problems.ts';
import { checkConfined } from './confine-path.ts';
import { toDisplayPath } from './display-path.ts';
import { checkFileSize } from './source-limits.ts';

/**
 * Reads `guides/*.md` of an API. The file name orders and names a guide (`01-quick-start.md` →
 * `/guides/quick-start/`); the title comes from front matter `title:` or the first `# heading`.
 */
export async function loadGuides(
  apiDir: string,
  problems: CatalogProblem[],
): Promise<CatalogGuide[]> {
  const dir = join(apiDir, 'guides');
  if (!(await checkConfined(dir, apiDir, problems))) return [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  } catch {
    return [];
  }
  const guides: CatalogGuide[] = [];
  const slugs = new Set<string>();
  for (const name of names) {
    const path = join(dir, name);
    if (!(await checkConfined(path, apiDir, problems))) continue;
    let raw: string;
    try {
      const tooLarge = checkFileSize((await stat(path)).size);
      if (tooLarge) {
        problems.push({ file: toDisplayPath(path), ...tooLarge, severity: 'error' });
        continue;
      }
      raw = (await readFile(path, 'utf8')).replace(/\r\n?/g, '\n');
    } catch (error) {
      problems.push({
        file: toDisplayPath(path),
        line: 1,
        field: '(file)',
        message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
        hint: 'check that the file exists and is readable',
        severity: 'error',
      });
      continue;
    }
    const slug = name
      .replace(/\.md$/, '')
      .replace(/^\d+[-_]/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-');
    if (slugs.has(slug)) {
      problems.push({
        file: toDisplayPath(path),
        line: 1,
        field: '(file name)',
        message: `names the guide "${slug}" a second time`,
        hint: 'rename one of the two guides',
        severity: 'error',
      });
      continue;
    }
    slugs.add(slug);
    const { title: declared, body, bodyLine } = splitFrontMatter(raw, path, problems);
    const heading = /^#\s+(.+)$/m.exec(body);
    const title = declared ?? heading?.[1]?.trim() ?? slug;
    // The page prints the title as its own heading; drop the duplicate from the body.
    const content = !declared && heading ? body.replace(heading[0], '') : body;
    const place = {
      file: toDisplayPath(path),
      line: bodyLine,
      field: '(markdown)',
      linesFollow: true,
    };
    const rendered = renderCheckedMarkdown(content, 'guide', place, problems);
    if (!rendered) continue;
    guides.push({ slug, title, html: rendered.html, text: rendered.text, file: `guides/${name}` });
  }
  return guides;
}

function splitFrontMatter(
  raw: string,
  path: string,
  problems: CatalogProblem[],
): { title?: string; body: string; bodyLine: number } {
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(raw);
  if (!match) return { body: raw, bodyLine: 1 };
  const body = raw.slice(match[0].length);
  // Where the body starts, so problems in it point to the file's own lines.
  const bodyLine = match[0].split('\n').length;
  try {
    const data: unknown = parse(match[1] ?? '');
    const title = (data as { title?: unknown } | null)?.title;
    return typeof title === 'string' ? { title, body, bodyLine } : { body, bodyLine };
  } catch {
    problems.push({
      file: toDisplayPath(path),
      line: 1,
      field: '(front matter)',
      message: 'is not valid YAML',
      hint: 'write it as `title: My guide` between two `---` lines',
      severity: 'error',
    });
    return { body, bodyLine };
  }
}
