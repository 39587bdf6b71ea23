import fs from 'fs';
import path from 'path';
import { register } from 'prom-client';
import '@jobfair/messaging';
import { startProcessMetrics } from '@jobfair/platform';
import '../../apps/matcher/src/runs/run-metrics';

/** Names a panel's PromQL reads: what is left once label matchers, ranges, `by (...)` and functions are taken out. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\bby\s*\([^)]*\)/g, '');
  return (bare.match(/[a-z_:][a-z0-9_:]*/g) ?? []).filter((token) => token.includes('_') && token !== 'histogram_quantile');
}

describe('the Grafana dashboard (deploy/grafana)', () => {
  const dashboard = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'deploy', 'grafana', 'jobfair-dashboard.json'), 'utf8'),
  ) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };

  it('reads only metrics the services export (a renamed metric would leave a panel empty)', async () => {
    startProcessMetrics('dashboard-check');
    const exported = new Set<string>();
    for (const metric of await register.getMetricsAsJSON()) {
      exported.add(metric.name);
      if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) exported.add(`${metric.name}${suffix}`);
    }
    const read = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) => metricNames(target.expr).map((name) => [panel.title, name])),
    );
    expect(read.length).toBeGreaterThan(dashboard.panels.length);
    expect(read.filter(([, name]) => !exported.has(name))).toEqual([]);
  });

  it('covers what issue 13 asks to see: requests, outbox, consumer lag, handled/retried/dead-lettered, matching runs, processes', () => {
    const names = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNames(target.expr))));
    for (const name of [
      'http_request_duration_seconds_bucket',
      'outbox_pending_events',
      'outbox_oldest_pending_seconds',
      'kafka_consumer_lag',
      'kafka_consumed_events_total',
      'kafka_consumer_retries_total',
      'matching_run_duration_seconds_bucket',
      'process_cpu_seconds_total',
    ]) {
      expect([name, names.has(name)]).toEqual([name, true]);
    }
    // Every title in Vietnamese and English.
    for (const panel of dashboard.panels) expect(panel.title).toMatch(/^.+ \/ .+$/);
  });
});
