/** Which report a page shows: the owners' (admin port) or a consumer's own (public port). */
export type UsageViewKind = 'owner' | 'consumer';

const texts: Record<
  UsageViewKind,
  { title: string; lead: string; credential: string; hint: string; filters: string }
> = {
  owner: {
    title: 'Usage of the APIs',
    lead: 'Who calls what, and how it goes: requests over time, errors, latency, quota refusals, top consumers and operations, and who still calls a deprecated version.',
    credential: 'Admin token',
    hint: 'The token of the sandbox’s admin API. It is sent with each request of this page and kept nowhere.',
    filters: `
      <p><label for="consumer">Consumer id (optional)</label>
      <input id="consumer" name="consumer" autocomplete="off" spellcheck="false"></p>
      <p><label for="operation">Operation (optional)</label>
      <input id="operation" name="operation" autocomplete="off" spellcheck="false"></p>`,
  },
  consumer: {
    title: 'My usage of the sandbox',
    lead: 'Your own calls, refusals and quota use per API. Nobody else’s usage is ever shown here.',
    credential: 'Your key',
    hint: 'Your subscription key (gk_…). It is sent with each request of this page and kept nowhere.',
    filters: '',
  },
};

/**
 * The HTML of a usage page: a form (credential, filters, period) and empty sections that
 * `usage-view.js` fills from the report, each chart beside a table of the same figures. No
 * data is in the page itself, so it is served without a credential; every value it shows is
 * set as text by the script, never as markup.
 */
export function renderUsagePage(kind: UsageViewKind, base: string): string {
  const text = texts[kind];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title} — guichet sandbox</title>
<link rel="stylesheet" href="${base}/uplot.css">
<link rel="stylesheet" href="${base}/view.css">
<script src="${base}/uplot.js" defer></script>
<script src="${base}/view.js" defer></script>
</head>
<body data-kind="${kind}">
<main>
<h1>${text.title}</h1>
<p>${text.lead}</p>
<form id="usage-form">
  <p><label for="credential">${text.credential}</label>
  <input id="credential" name="credential" type="password" autocomplete="off" required aria-describedby="credential-hint">
  <span id="credential-hint" class="hint">${text.hint}</span></p>
  <p><label for="api">API id (optional)</label>
  <input id="api" name="api" autocomplete="off" spellcheck="false"></p>
  <p><label for="version">Version (optional)</label>
  <input id="version" name="version" autocomplete="off" spellcheck="false"></p>${text.filters}
  <p><label for="period">Period</label>
  <select id="period" name="period">
    <option value="60">Last hour</option>
    <option value="1440" selected>Last 24 hours</option>
    <option value="10080">Last 7 days</option>
    <option value="43200">Last 30 days</option>
    <option value="129600">Last 90 days</option>
  </select></p>
  <p><label for="bucket">Resolution</label>
  <select id="bucket" name="bucket">
    <option value="minute">Minute</option>
    <option value="hour" selected>Hour</option>
    <option value="day">Day</option>
  </select></p>
  <p><button type="submit">Show usage</button>
  <button type="button" id="csv">Download CSV</button></p>
</form>
<p id="status" role="status" aria-live="polite"></p>
<div id="results" hidden>
  <section aria-labelledby="totals-title"><h2 id="totals-title">Totals</h2><div id="totals"></div></section>
  <section aria-labelledby="apis-title" data-only="consumer"><h2 id="apis-title">Per API</h2><div id="apis"></div></section>
  <section aria-labelledby="series-title">
    <h2 id="series-title">Requests over time</h2>
    <div id="chart" role="img" aria-label="Chart of requests, errors and quota refusals over time; the table below gives the same figures."></div>
    <div id="series" class="scroll" tabindex="0" role="region" aria-label="Requests over time, as a table"></div>
  </section>
  <section aria-labelledby="consumers-title" data-only="owner"><h2 id="consumers-title">Top consumers</h2><div id="consumers"></div></section>
  <section aria-labelledby="operations-title"><h2 id="operations-title">Top operations</h2><div id="operations"></div></section>
  <section aria-labelledby="deprecated-title" data-only="owner"><h2 id="deprecated-title">Deprecated versions still called</h2><div id="deprecated"></div></section>
</div>
</main>
</body>
</html>
`;
}
