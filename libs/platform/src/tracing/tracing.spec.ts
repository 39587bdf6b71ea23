import { ServiceConfig, loadConfig } from '../config/service-config';

const load = (env: Record<string, string>) => loadConfig(ServiceConfig, { PORT: '3001' }, env);

// What the exporters send is checked in test/system/traces.spec.ts (they load lazily, which jest's sandbox refuses).
describe('trace exporters from the OTEL_* variables', () => {
  it('exports nothing unless asked; takes a list; refuses an exporter or protocol it does not have, naming the variable', () => {
    expect(load({}).tracesExporters).toEqual(['none']);
    expect(load({ OTEL_TRACES_EXPORTER: 'console, otlp' }).tracesExporters).toEqual(['console', 'otlp']);
    expect(() => load({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(/^invalid configuration: OTEL_TRACES_EXPORTER: /);
    expect(() => load({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/^invalid configuration: OTEL_EXPORTER_OTLP_PROTOCOL: /);
  });
});
