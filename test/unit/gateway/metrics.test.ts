import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMetrics } from '../../../gateway-stub/observe/metrics.ts';

describe('metrics', () => {
  it('renders counters, a cumulative histogram and gauges in Prometheus text format', () => {
    const metrics = createMetrics();
    metrics.observeRequest('colis', 'v2', 200, 0.002, false);
    metrics.observeRequest('colis', 'v2', 200, 0.02, false);
    metrics.observeRequest('colis', 'v2', 429, 0.0001, true);
    metrics.observeRequest('colis', 'v1', 503, 0.0001, false);
    metrics.observeQuotaRefusal('colis', 'free');
    const text = metrics.render({ active: 2, pending: 1, rejected: 0, revoked: 0, expired: 0 });
    assert.match(text, /^# TYPE guichet_gateway_requests_total counter$/m);
    assert.match(
      text,
      /^guichet_gateway_requests_total\{api="colis",version="v2",status="200"\} 2$/m,
    );
    assert.match(
      text,
      /^guichet_gateway_request_duration_seconds_bucket\{api="colis",version="v2",status_class="2xx",le="0.001"\} 0$/m,
    );
    assert.match(
      text,
      /^guichet_gateway_request_duration_seconds_bucket\{api="colis",version="v2",status_class="2xx",le="0.0025"\} 1$/m,
    );
    assert.match(
      text,
      /^guichet_gateway_request_duration_seconds_bucket\{api="colis",version="v2",status_class="2xx",le="\+Inf"\} 2$/m,
    );
    assert.match(
      text,
      /^guichet_gateway_request_duration_seconds_count\{api="colis",version="v2",status_class="4xx"\} 1$/m,
    );
    assert.match(
      text,
      /^guichet_gateway_refusals_total\{api="colis",version="v2",status_class="4xx"\} 1$/m,
    );
    assert.doesNotMatch(text, /^guichet_gateway_refusals_total\{api="colis",version="v1"/m);
    assert.match(text, /^guichet_gateway_quota_refusals_total\{api="colis",plan="free"\} 1$/m);
    assert.match(text, /^guichet_gateway_subscriptions\{state="pending"\} 1$/m);
    assert.ok(text.endsWith('\n'));
  });

  it('escapes label values', () => {
    const metrics = createMetrics();
    metrics.observeRequest('a"b\\c', 'v1', 200, 0, false);
    assert.match(
      metrics.render({ active: 0, pending: 0, rejected: 0, revoked: 0, expired: 0 }),
      /api="a\\"b\\\\c"/,
    );
  });
});
