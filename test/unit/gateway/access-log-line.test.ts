import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAccessLogLine, type AccessLogEntry } from '../../../gateway-stub/observe/access-log.ts';

describe('access log lines', () => {
  it('are exactly what JSON.stringify would write, one per line', () => {
    const entry: AccessLogEntry = {
      time: '2026-11-21T09:15:02.007Z',
      requestId: '3f9a1c2b7d4e-1k2',
      consumerId: 'con_7tYoYezEG75y',
      api: 'colis',
      version: 'v2',
      method: 'GET',
      path: '/colis/v2/parcels/"quoted"\\back/é',
      status: 200,
      latencyMs: 0.412,
      quotaLeft: 41,
      client: '127.0.0.0',
    };
    assert.equal(toAccessLogLine(entry), `${JSON.stringify(entry)}\n`);
    const refused = { ...entry, consumerId: '', quotaLeft: null, status: 401 };
    assert.equal(toAccessLogLine(refused), `${JSON.stringify(refused)}\n`);
  });
});
