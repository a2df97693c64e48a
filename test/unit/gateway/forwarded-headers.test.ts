import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  toClientHeaders,
  toUpstreamHeaders,
} from '../../../gateway-stub/proxy/forwarded-headers.ts';

describe('forwarded headers', () => {
  it('sends the mock server no key, no hop-by-hop header, and the request id', () => {
    const headers = toUpstreamHeaders(
      {
        host: 'sandbox',
        connection: 'keep-alive, x-trace',
        'x-trace': '1',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'x-api-key': 'gk_secret',
        'x-request-id': 'from-client',
        accept: 'application/json',
        prefer: 'code=404',
      },
      'req-1',
    );
    assert.deepEqual(headers, {
      accept: 'application/json',
      prefer: 'code=404',
      'x-request-id': 'req-1',
    });
  });

  it('names the consumer of the key in X-Guichet-Consumer, and drops every x-guichet-* a client sent', () => {
    const headers = toUpstreamHeaders(
      {
        accept: 'application/json',
        'x-guichet-consumer': 'con_someone_else',
        'x-guichet-stub': 'x',
        'x-guichet-anything': 'y',
      },
      'req-2',
      'con_owner',
    );
    assert.deepEqual(headers, {
      accept: 'application/json',
      'x-request-id': 'req-2',
      'x-guichet-consumer': 'con_owner',
    });
    // Without a consumer (a request refused before its key was known), none is sent either.
    assert.deepEqual(toUpstreamHeaders({ 'x-guichet-consumer': 'con_forged' }, 'req-3'), {
      'x-request-id': 'req-3',
    });
  });

  it("keeps the gateway's own headers over the mock server's and joins Vary", () => {
    const own = { 'x-request-id': 'req-1', ratelimit: '"free";r=1;t=60', vary: 'Origin' };
    const headers = toClientHeaders(
      {
        'content-type': 'application/json',
        'x-request-id': 'upstream',
        'x-guichet-operation': 'getParcel',
        connection: 'keep-alive',
        'transfer-encoding': 'chunked',
        vary: 'Accept',
      },
      own,
    );
    assert.deepEqual(headers, {
      'x-request-id': 'req-1',
      ratelimit: '"free";r=1;t=60',
      vary: 'Origin, Accept',
      'content-type': 'application/json',
    });
  });
});
