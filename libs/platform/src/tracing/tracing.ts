import type { OnApplicationShutdown } from '@nestjs/common';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, NodeTracerProvider, SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { ServiceConfig } from '../config/service-config';

let provider: NodeTracerProvider | undefined;

function exporter(name: string, config: ServiceConfig): SpanExporter {
  if (name === 'console') return new ConsoleSpanExporter();
  // Endpoint, headers and timeout come from the exporter's own OTEL_EXPORTER_OTLP_* variables.
  return (config.otlpTracesProtocol ?? config.otlpProtocol) === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
}

/**
 * Registers the OpenTelemetry SDK for this process, once: the W3C propagator and span ids
 * always (log lines and Kafka headers carry the trace, whether or not spans are exported),
 * and an exporter per `OTEL_TRACES_EXPORTER` entry; `none`, the default, exports nothing.
 * Sampling follows `OTEL_TRACES_SAMPLER` (the SDK's default: the parent's choice, else all).
 */
export function startTracing(service: string, config: ServiceConfig): void {
  if (provider) return;
  provider = new NodeTracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, when set, win over the service's own name.
    resource: defaultResource()
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: config.tracesExporters.filter((name) => name !== 'none').map((name) => new BatchSpanProcessor(exporter(name, config))),
  });
  provider.register();
}

/** Sends the spans still buffered when the application shuts down. */
export class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await provider?.forceFlush();
  }
}
