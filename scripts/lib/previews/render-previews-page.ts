import type { PreviewListing, SandboxState } from './preview-registry.ts';
import { sandboxSegment } from './preview-manifest.ts';

const sandboxLabels: Record<SandboxState, string> = {
  stopped: 'starts on the first call',
  starting: 'starting',
  running: 'running',
  failed: 'failed to start (retried on the next call)',
};

// Plain, self-contained pages: no script, no font, nothing fetched from anywhere.
const style = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ccc;vertical-align:top}
code{font-size:.95em}a{color:#0b4fa8}`;

/** `/`: every preview of the folder, newest build first, with links to its portal and sandbox. */
export function renderPreviewsPage(previews: readonly PreviewListing[]): string {
  const rows = previews.map(({ manifest, sandbox }) => {
    const base = `/${manifest.slug}/`;
    const commit = manifest.commit === null ? 'none' : manifest.commit.slice(0, 10);
    return `<tr>
<th scope="row"><a href="${escapeHtml(base)}">${escapeHtml(manifest.branch)}</a></th>
<td><code>${escapeHtml(commit)}</code></td>
<td><time datetime="${escapeHtml(manifest.builtAt)}">${escapeHtml(toReadableDate(manifest.builtAt))}</time></td>
<td>${escapeHtml(manifest.audience)}</td>
<td><code>${escapeHtml(`${base}${sandboxSegment}/`)}</code> — ${escapeHtml(sandboxLabels[sandbox])}</td>
</tr>`;
  });
  const body =
    previews.length === 0
      ? '<p>No preview yet. Build one with <code>npm run build:preview -- --branch &lt;name&gt;</code>.</p>'
      : `<table>
<caption>${String(previews.length)} preview(s), newest build first</caption>
<thead><tr><th scope="col">Branch</th><th scope="col">Commit</th><th scope="col">Built</th><th scope="col">Audience</th><th scope="col">Sandbox</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  return toPage('Branch previews', `<h1>Branch previews</h1>\n${body}`);
}

/** The server's own 404, for a path that is no preview. */
export function renderNotFoundPage(path: string): string {
  return toPage(
    'No such preview',
    `<h1>No such preview</h1>
<p>Nothing is served at <code>${escapeHtml(path)}</code>: its branch has no preview, or it was removed.</p>
<p><a href="/">Every preview</a></p>`,
  );
}

function toPage(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
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
