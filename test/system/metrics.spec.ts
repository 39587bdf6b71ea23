import { SERVICES, ServiceName, Topics } from '@jobfair/contracts';
import { ApiClient, TEST_SYSTEM, asNewUser, eventually, serviceUrl, uniqueName, uniqueNationalId } from '@jobfair/testing';

/** One sample of Prometheus' text format: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

const SERVICE_NAMES = SERVICES.map(({ name }) => name);

async function scrape(service: ServiceName): Promise<Sample[]> {
  const response = await fetch(`${serviceUrl(service)}/metrics`, { headers: { authorization: `Bearer ${TEST_SYSTEM.metricsToken}` } });
  expect([service, response.status, response.headers.get('content-type')]).toEqual([service, 200, expect.stringMatching(/^text\/plain/)]);
  return parse(await response.text());
}

/** The sum over the samples of `name` whose labels include `labels` (0 when none has them yet). */
const total = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

describe('/metrics on every service (Prometheus text format)', () => {
  let staff: ApiClient;

  beforeAll(async () => {
    staff = await asNewUser('staff');
  });

  it('is refused without the metrics token, and is not part of the API document', async () => {
    for (const service of SERVICE_NAMES) {
      const bare = await fetch(`${serviceUrl(service)}/metrics`);
      const wrong = await fetch(`${serviceUrl(service)}/metrics`, { headers: { authorization: 'Bearer guess' } });
      expect([service, bare.status, wrong.status]).toEqual([service, 401, 401]);
    }
    const document = (await (await fetch(`${serviceUrl('fairs')}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).not.toContain('/metrics');
  });

  it('serves process metrics labelled with the service, and HTTP requests by route pattern (no ids) and status', async () => {
    for (const service of SERVICE_NAMES) {
      const samples = await scrape(service);
      expect([service, total(samples, 'process_cpu_user_seconds_total', { service })]).toEqual([service, expect.any(Number)]);
      expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds' && s.labels.service === service)).toBe(true);
    }
    const route = { method: 'GET', route: '/fairs/:id', status: '404' };
    const before = total(await scrape('fairs'), 'http_request_duration_seconds_count', route);
    const missing = await staff.get('/fairs/0190f1a2-0000-7000-8000-000000000000');
    expect(missing.status).toBe(404);
    const after = await scrape('fairs');
    expect(total(after, 'http_request_duration_seconds_count', route)).toBe(before + 1);
    // The gateway labels what it proxies by its first segments: an id never becomes a label value.
    expect(after.filter((s) => s.name.startsWith('http_request') && /[0-9a-f]{8}-[0-9a-f]{4}/.test(s.labels.route ?? ''))).toEqual([]);
    const gatewaySamples = await scrape('gateway');
    expect(total(gatewaySamples, 'http_request_duration_seconds_count', { route: '/api/fairs' })).toBeGreaterThan(0);
  });

  it('follows a registration through the backbone: database commands, the outbox, events consumed elsewhere, consumer lag', async () => {
    const [seekersBefore, matcherBefore] = await Promise.all([scrape('seekers'), scrape('matcher')]);
    const created = await staff.post('/seekers', {
      nationalId: uniqueNationalId(),
      fullName: uniqueName('Lê Thị Hoa'),
      birthDate: '2000-03-08',
      gender: 'female',
      phone: '+84 913 000 222',
      province: 'Ha Tinh',
      skills: [],
      languageTests: [],
      preferences: { scopes: ['domestic'], countries: ['VN'], sectors: ['garment'] },
      overseasHistory: [],
      householdStatus: 'none',
      consents: [{ purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' }],
    });
    expect(created.status).toBe(201);

    await eventually(async () => {
      const [seekers, matcher] = await Promise.all([scrape('seekers'), scrape('matcher')]);
      const inserts = { command: 'insert', collection: 'seekers' };
      expect(total(seekers, 'mongodb_commands_total', inserts)).toBeGreaterThan(total(seekersBefore, 'mongodb_commands_total', inserts));
      const published = { collection: 'seekers' };
      expect(total(seekers, 'outbox_published_events_total', published)).toBeGreaterThan(
        total(seekersBefore, 'outbox_published_events_total', published),
      );
      expect(seekers.find((s) => s.name === 'outbox_pending_events' && s.labels.collection === 'seekers')).toBeDefined();
      const applied = { topic: Topics.seeker, outcome: 'applied' };
      expect(total(matcher, 'kafka_consumed_events_total', applied)).toBeGreaterThan(
        total(matcherBefore, 'kafka_consumed_events_total', applied),
      );
      expect(matcher.some((s) => s.name === 'kafka_consumer_lag' && s.labels.topic === Topics.seeker)).toBe(true);
    });
  });
});
