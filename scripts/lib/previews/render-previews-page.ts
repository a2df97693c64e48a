import type { SandboxLanguage } from '../../../catalog/sandbox-languages.ts';
import { en } from '../../../site/i18n/en.ts';
import { fr } from '../../../site/i18n/fr.ts';
import type { PreviewListing, SandboxState } from './preview-registry.ts';
import { sandboxSegment } from './preview-manifest.ts';

// The portal's dictionaries, so these pages say the same things the portal does, in its words.
const dictionaries = { fr: fr.previews, en: en.previews };

function toSandboxLabel(state: SandboxState, m: (typeof dictionaries)[SandboxLanguage]): string {
  switch (state) {
    case 'stopped':
      return m.sandboxStopped;
    case 'starting':
      return m.sandboxStarting;
    case 'running':
      return m.sandboxRunning;
    case 'failed':
      return m.sandboxFailed;
  }
}

// Plain, self-contained pages: no script, no font, nothing fetched from anywhere. Cells break
// long branch names and paths anywhere, so a phone of 320 px shows the table without scrolling.
const style = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ccc;vertical-align:top;overflow-wrap:anywhere}
code{font-size:.95em}a{color:#0b4fa8}
@media (max-width:30rem){body{padding:0 .5rem}th,td{padding:.3rem .25rem}}`;

/**
 * `/`: every preview of the folder, newest build first, with links to its portal and sandbox,
 * in `language` (the request's, see `chooseLanguage`).
 */
export function renderPreviewsPage(
  previews: readonly PreviewListing[],
  language: SandboxLanguage,
): string {
  const m = dictionaries[language];
  const rows = previews.map(({ manifest, sandbox }) => {
    const base = `/${manifest.slug}/`;
    const commit = manifest.commit === null ? m.noCommit : manifest.commit.slice(0, 10);
    return `<tr>
<th scope="row"><a href="${escapeHtml(base)}">${escapeHtml(manifest.branch)}</a></th>
<td><code>${escapeHtml(commit)}</code></td>
<td><time datetime="${escapeHtml(manifest.builtAt)}">${escapeHtml(toReadableDate(manifest.builtAt))}</time></td>
<td>${escapeHtml(manifest.audience)}</td>
<td><code>${escapeHtml(`${base}${sandboxSegment}/`)}</code> — ${escapeHtml(toSandboxLabel(sandbox, m))}</td>
</tr>`;
  });
  const body =
    previews.length === 0
      ? `<p>${escapeHtml(m.none)}<code>npm run build:preview -- --branch &lt;name&gt;</code>.</p>`
      : `<table>
<caption>${escapeHtml(m.caption(previews.length))}</caption>
<thead><tr>${[m.branch, m.commit, m.built, m.audience, m.sandbox].map((name) => `<th scope="col">${escapeHtml(name)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  return toPage(language, m.title, `<h1>${escapeHtml(m.title)}</h1>\n${body}`);
}

/** The server's own 404, for a path that is no preview, in `language`. */
export function renderNotFoundPage(path: string, language: SandboxLanguage): string {
  const m = dictionaries[language];
  return toPage(
    language,
    m.notFoundTitle,
    `<h1>${escapeHtml(m.notFoundTitle)}</h1>
<p>${escapeHtml(m.notFoundBefore)}<code>${escapeHtml(path)}</code>${escapeHtml(m.notFoundAfter)}</p>
<p><a href="/">${escapeHtml(m.every)}</a></p>`,
  );
}

function toPage(language: SandboxLanguage, title: string, main: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · guichet</title>
<style>${style}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

/** `2026-05-04T09:30:12.000Z` → `2026-05-04 09:30 UTC`. */
function toReadableDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
