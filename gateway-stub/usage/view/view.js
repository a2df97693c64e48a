// The usage pages' script (served as is to the browser: plain JavaScript, no build step).
// It reads the report with the credential typed in, and fills tables with textContent only:
// operation and consumer names come from documents and requests, so they are never markup.
/* global document, window, fetch, URL, URLSearchParams -- the browser's, where this runs */
'use strict';

(() => {
  const kind = document.body.dataset.kind === 'owner' ? 'owner' : 'consumer';
  const endpoint = kind === 'owner' ? '/usage' : '/_guichet/usage';
  const form = document.getElementById('usage-form');
  const status = document.getElementById('status');
  const results = document.getElementById('results');
  let chart;

  for (const section of document.querySelectorAll('[data-only]')) {
    if (section.getAttribute('data-only') !== kind) section.remove();
  }

  const value = (id) => {
    const element = document.getElementById(id);
    return element ? element.value.trim() : '';
  };

  const toQuery = (format) => {
    const params = new URLSearchParams();
    const minutes = Number(value('period'));
    const to = new Date();
    params.set('from', new Date(to.getTime() - minutes * 60_000).toISOString());
    params.set('to', to.toISOString());
    params.set('bucket', value('bucket'));
    const filters =
      kind === 'owner' ? ['api', 'version', 'consumer', 'operation'] : ['api', 'version'];
    for (const name of filters) if (value(name) !== '') params.set(name, value(name));
    if (kind === 'owner') params.set('limit', '20');
    if (format) params.set('format', format);
    return params.toString();
  };

  const toHeaders = () => {
    const credential = value('credential');
    return kind === 'owner'
      ? { authorization: `Bearer ${credential}` }
      : { 'x-api-key': credential };
  };

  const tell = (text, isError) => {
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  };

  const read = async (format) => {
    const response = await fetch(`${endpoint}?${toQuery(format)}`, { headers: toHeaders() });
    if (!response.ok) {
      let detail = `The sandbox answered ${response.status}.`;
      try {
        const problem = await response.json();
        const errors = Array.isArray(problem.errors)
          ? problem.errors.map((error) => `${error.pointer} ${error.detail}`).join('; ')
          : '';
        detail = [problem.title, problem.detail, errors].filter(Boolean).join(' — ');
      } catch {
        // Not a problem document: the status says enough.
      }
      throw new Error(detail);
    }
    return response;
  };

  const formatNumber = (number) => (number === null || number === undefined ? '—' : String(number));
  const formatRate = (rate) => `${(rate * 100).toFixed(1)} %`;

  /** A table: a caption, header cells, then rows of cells (numbers right-aligned). */
  const table = (caption, headers, rows) => {
    const element = document.createElement('table');
    const captionElement = element.createCaption();
    captionElement.textContent = caption;
    const head = element.createTHead().insertRow();
    for (const header of headers) {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.textContent = header;
      head.append(cell);
    }
    const body = element.createTBody();
    for (const row of rows) {
      const line = body.insertRow();
      for (const item of row) {
        const cell = line.insertCell();
        cell.textContent = typeof item === 'number' ? String(item) : (item ?? '—');
        if (typeof item === 'number') cell.className = 'number';
      }
    }
    if (rows.length === 0) {
      const line = body.insertRow();
      const cell = line.insertCell();
      cell.colSpan = headers.length;
      cell.textContent = 'No calls in this period.';
    }
    return element;
  };

  const figureHeaders = [
    'Requests',
    '4xx',
    '5xx',
    'Error rate',
    'Quota refusals',
    'p50 ms',
    'p95 ms',
    'p99 ms',
  ];
  const figureCells = (figures) => [
    figures.requests,
    figures.clientErrors,
    figures.serverErrors,
    formatRate(figures.errorRate),
    figures.quotaRefusals,
    formatNumber(figures.latencyMs.p50),
    formatNumber(figures.latencyMs.p95),
    formatNumber(figures.latencyMs.p99),
  ];

  const fill = (id, element) => {
    const container = document.getElementById(id);
    if (container) container.replaceChildren(element);
  };

  const drawChart = (series) => {
    const container = document.getElementById('chart');
    if (chart) chart.destroy();
    container.replaceChildren();
    const data = [
      series.map((point) => Date.parse(point.time) / 1000),
      series.map((point) => point.requests),
      series.map((point) => point.clientErrors + point.serverErrors),
      series.map((point) => point.quotaRefusals),
    ];
    if (typeof window.uPlot !== 'function') return;
    chart = new window.uPlot(
      {
        width: Math.min(container.clientWidth || 800, 1100),
        height: 260,
        series: [
          {},
          { label: 'Requests', stroke: '#000091', width: 2 },
          { label: 'Errors (4xx + 5xx)', stroke: '#ce0500', width: 2 },
          { label: 'Quota refusals', stroke: '#716043', width: 2, dash: [6, 4] },
        ],
      },
      data,
      container,
    );
  };

  const render = (report) => {
    fill('totals', table('Totals of the period', figureHeaders, [figureCells(report.totals)]));
    drawChart(report.series);
    fill(
      'series',
      table(
        `Requests per ${report.bucket}`,
        ['Time (UTC)', 'Requests', 'Errors', 'Quota refusals', 'p95 ms'],
        report.series.map((point) => [
          point.time.replace('T', ' ').slice(0, 16),
          point.requests,
          point.clientErrors + point.serverErrors,
          point.quotaRefusals,
          formatNumber(point.latencyMs.p95),
        ]),
      ),
    );
    const operations =
      kind === 'owner' ? report.byOperation : report.apis.flatMap((api) => api.byOperation);
    fill(
      'operations',
      table(
        'Operations, by requests',
        ['API', 'Version', 'Operation', ...figureHeaders],
        operations.map((entry) => [
          entry.api,
          entry.version,
          entry.operation || '(refused before matching)',
          ...figureCells(entry),
        ]),
      ),
    );
    if (kind === 'owner') {
      fill(
        'consumers',
        table(
          'Consumers, by requests',
          ['Consumer', ...figureHeaders],
          report.byConsumer.map((entry) => [
            entry.consumerId || '(no credentials)',
            ...figureCells(entry),
          ]),
        ),
      );
      fill(
        'deprecated',
        table(
          'Consumers still calling a deprecated version',
          ['API', 'Version', 'Sunset', 'Consumer', 'Requests', 'Last call (UTC)'],
          report.deprecated.flatMap((version) =>
            version.consumers.map((consumer) => [
              version.api,
              version.version,
              version.sunset ?? 'none set',
              consumer.consumerId,
              consumer.requests,
              consumer.lastCall.replace('T', ' ').slice(0, 16),
            ]),
          ),
        ),
      );
    } else {
      fill(
        'apis',
        table(
          'Your calls per API',
          ['API', 'Plan', 'Quota per minute', 'Busiest minute', ...figureHeaders],
          report.apis.map((api) => [
            api.api,
            api.plan,
            api.requestsPerMinute,
            api.busiestMinute ? api.busiestMinute.requests : 0,
            ...figureCells(api),
          ]),
        ),
      );
    }
    results.hidden = false;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    tell('Reading the usage…');
    read()
      .then((response) => response.json())
      .then((report) => {
        render(report);
        tell(
          kind === 'owner'
            ? 'Usage shown.'
            : `Usage of ${report.application} (${report.consumerId}) shown.`,
        );
      })
      .catch((error) => {
        results.hidden = true;
        tell(error.message, true);
      });
  });

  document.getElementById('csv').addEventListener('click', () => {
    if (!form.reportValidity()) return;
    read('csv')
      .then((response) => response.blob())
      .then((blob) => {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = kind === 'owner' ? 'guichet-usage.csv' : 'guichet-my-usage.csv';
        link.click();
        URL.revokeObjectURL(link.href);
        tell('CSV downloaded.');
      })
      .catch((error) => tell(error.message, true));
  });
})();
