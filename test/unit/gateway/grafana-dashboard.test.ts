import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createMetrics } from '../../../gateway-stub/observe/metrics.ts';

const dashboardFile = join(import.meta.dirname, '..', '..', '..', 'docs', 'grafana-dashboard.json');

describe('the Grafana dashboard in docs/', () => {
  it('queries only series and labels the gateway exposes', () => {
    const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const metrics = createMetrics();
    metrics.observeRequest('colis', 'v2', 200, 0.01, false);
    metrics.observeRequest('colis', 'v2', 429, 0.001, true);
    metrics.observeQuotaRefusal('colis', 'free');
    const text = metrics.render({ active: 1, pending: 0, rejected: 0, revoked: 0, expired: 0 });
    const exposed = new Set(
      text
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => /^[a-z_]+/.exec(line)?.[0] ?? ''),
    );
    const labels = new Set([...text.matchAll(/[{,]([a-z_]+)="/g)].map((match) => match[1]));
    assert.ok(dashboard.panels.length >= 5);
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        for (const [name] of expr.matchAll(/guichet_[a-z_]+/g)) {
          assert.ok(exposed.has(name), `${panel.title}: ${name} is not a series of /metrics`);
        }
        for (const [, label] of expr.matchAll(/\b([a-z_]+)=~?"/g)) {
          assert.ok(labels.has(label), `${panel.title}: no series has the label ${String(label)}`);
        }
      }
    }
  });
});
