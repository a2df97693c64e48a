import type { Messages } from '../fr.ts';

/** The usage pages: a partner's own, and the owners' report. */
export const usageMessages: Pick<Messages, 'usage'> = {
  usage: {
    consumerTitle: 'My sandbox usage',
    consumerDescription: 'Your calls, refusals and quota use per API, read with your key.',
    consumerLead:
      'Your own calls, refusals and quota use, per API. Only your key opens them: nobody else sees them, and you see nobody else’s.',
    ownerTitle: 'Usage of the APIs',
    ownerDescription: 'Who calls which APIs of the sandbox, and how it goes, for their owners.',
    ownerLead:
      'Who calls what, and how it goes: requests over time, errors, latency, quota refusals, top consumers and operations, and who still calls a deprecated version.',
    storedKeys: 'Key of this browser',
    typeKey: 'Type another key',
    key: 'Your key',
    keyHint:
      'Your subscription key (gk_…), the one this browser holds or another. It is sent to the sandbox only, with each reading of this page.',
    adminToken: 'Admin token',
    adminTokenHint:
      'The token of the sandbox’s admin API. It is sent to that API only, with each reading of this page, and kept nowhere.',
    api: 'API (optional)',
    version: 'Version (optional)',
    consumer: 'Consumer id (optional)',
    operation: 'Operation (optional)',
    period: 'Period',
    periods: {
      hour: 'Last hour',
      day: 'Last 24 hours',
      week: 'Last 7 days',
      month: 'Last 30 days',
      quarter: 'Last 90 days',
    },
    resolution: 'Resolution',
    resolutions: { minute: 'Minute', hour: 'Hour', day: 'Day' },
    show: 'Show usage',
    csv: 'Download CSV',
    totals: 'Totals',
    perApi: 'Per API',
    overTime: 'Requests over time',
    chart:
      'Chart of requests, errors and quota refusals over time; the table after it gives the same figures.',
    seriesTable: 'Requests over time, as a table',
    topConsumers: 'Top consumers',
    topOperations: 'Top operations',
    deprecated: 'Deprecated versions still called',
    noscript:
      'This page reads the sandbox’s figures with JavaScript, which is off here. The sandbox also gives them as JSON or CSV: ',
  },
};
