import { execFile } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { promisify } from 'util';
import { ApiClient, asAdmin, asNewUser, eventually, logLines } from '@jobfair/testing';
import { fairWith, postOpening, registerSeeker } from '../matcher/fair-fixture';
import { registerEmployer } from '../matcher/hiring-scenario';

const TRACE_ID = /^[0-9a-f]{32}$/;

/** The trace ids of a service's log lines that match. */
function traceIdsOf(service: string, match: (line: Record<string, unknown>) => boolean): string[] {
  return logLines(service)
    .filter(match)
    .map((line) => line.trace_id as string);
}

const requestLine = (requestId: string) => (line: Record<string, unknown>) =>
  line.msg === 'request completed' && (line.req as { id?: string } | undefined)?.id === requestId;
/** The matcher's line of the SeekerCheckedIn it applied: where it computed the seeker's recommendations. */
const recommendationLine = (requestId: string) => (line: Record<string, unknown>) =>
  line.correlationId === requestId && /^SeekerCheckedIn .* applied$/.test(String(line.msg));

describe('one trace per flow (OpenTelemetry, W3C trace context): a check-in through the gateway and the recommendation it causes', () => {
  let staff: ApiClient;
  let fairId: string;
  let seekerIds: string[];

  beforeAll(async () => {
    const admin = await asAdmin();
    staff = await asNewUser('staff');
    const employerId = await registerEmployer(admin, 'KR');
    const opening = await postOpening(admin, employerId, { sector: 'agriculture' });
    seekerIds = await Promise.all([160, 170, 180].map((topik) => registerSeeker(staff, { topik })));
    fairId = await fairWith(staff, [{ employerId, openingIds: [opening] }], []);
  }, 120000);

  /**
   * Checks a seeker in with these headers and waits for the recommendation; the request id of
   * the check-in that went through (the fairs service learns of a new seeker from Kafka: a 404
   * until then, asked again under a new request id).
   */
  async function checkIn(seekerId: string, headers: Record<string, string> = {}): Promise<string> {
    const requestId = await eventually(async () => {
      const attempt = `trace-${randomUUID()}`;
      const res = await staff.post(
        `/fairs/${fairId}/check-ins`,
        { seekerId, clientRef: `ref-${attempt}` },
        { 'X-Request-Id': attempt, ...headers },
      );
      expect([res.status, res.text]).toEqual([201, expect.any(String)]);
      return attempt;
    });
    await eventually(async () => expect((await staff.get(`/fairs/${fairId}/recommendations?seekerId=${seekerId}`)).status).toBe(200));
    return requestId;
  }

  it("continues the caller's trace: the gateway's, the fairs service's and the matcher's lines of one check-in carry its trace id", async () => {
    const traceId = randomBytes(16).toString('hex');
    const requestId = await checkIn(seekerIds[0], { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });

    await eventually(async () => {
      expect(traceIdsOf('gateway', requestLine(requestId))).toEqual([traceId]);
      expect(traceIdsOf('fairs', requestLine(requestId))).toEqual([traceId]);
      // Consumed from Kafka in another process: the trace came in the message's headers.
      expect(traceIdsOf('matcher', recommendationLine(requestId))).toEqual([traceId]);
    });
  });

  it('starts a trace at the gateway for a caller that sent none: one per check-in, the same in each service', async () => {
    const requestId = await checkIn(seekerIds[1]);

    await eventually(async () => {
      const [traceId] = traceIdsOf('fairs', requestLine(requestId));
      expect(traceId).toMatch(TRACE_ID);
      expect(traceId).not.toBe('0'.repeat(32));
      expect(traceIdsOf('gateway', requestLine(requestId))).toEqual([traceId]);
      expect(traceIdsOf('matcher', recommendationLine(requestId))).toEqual([traceId]);
      // Every line of the event's handling in the matcher is in the trace, not only the last one.
      const flow = logLines('matcher').filter((line) => line.correlationId === requestId);
      expect(flow.length).toBeGreaterThan(0);
      expect(new Set(flow.map((line) => line.trace_id))).toEqual(new Set([traceId]));
    });
    const other = await checkIn(seekerIds[2]);
    await eventually(async () => expect(traceIdsOf('fairs', requestLine(other))).toEqual([expect.stringMatching(TRACE_ID)]));
    expect(traceIdsOf('fairs', requestLine(other))).not.toEqual(traceIdsOf('fairs', requestLine(requestId)));
  });
});

describe('span export when OTEL_TRACES_EXPORTER asks for it', () => {
  /** A process that starts the tracing of the build as a service does, ends a span and shuts down; what it printed. */
  const run = (env: Record<string, string>) =>
    promisify(execFile)(
      process.execPath,
      [
        '-r',
        './deploy/register-paths.js',
        '-e',
        `const { loadConfig, ServiceConfig } = require('./dist/libs/platform/src/config/service-config');
         const { startTracing, TracingShutdown } = require('./dist/libs/platform/src/tracing/tracing');
         startTracing('fairs', loadConfig(ServiceConfig, { PORT: '3001' }));
         require('@opentelemetry/api').trace.getTracer('test').startSpan('POST /fairs/:id/check-ins').end();
         new TracingShutdown().onApplicationShutdown();`,
      ],
      { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, ...env } },
    );

  it('otlp: the spans reach the OTLP endpoint (protobuf over HTTP), named by the service, at the latest on shutdown', async () => {
    const received: { url?: string; type?: string; body: Buffer }[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ url: req.url, type: req.headers['content-type'], body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      await run({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ url: '/v1/traces', type: 'application/x-protobuf' });
      // Protobuf keeps strings as they are: the span's name and the service's.
      expect(received[0].body.includes('POST /fairs/:id/check-ins')).toBe(true);
      expect(received[0].body.includes('fairs')).toBe(true);
    } finally {
      collector.close();
    }
  });

  it('console: the span is printed; by default nothing is', async () => {
    expect((await run({ OTEL_TRACES_EXPORTER: 'console' })).stdout).toContain("name: 'POST /fairs/:id/check-ins'");
    expect((await run({ OTEL_TRACES_EXPORTER: '' })).stdout).toBe('');
  });
});
