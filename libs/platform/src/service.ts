import { DynamicModule, Logger as NestLogger, Module, RequestMethod, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TerminusModule } from '@nestjs/terminus';
import { createSecretKey, randomUUID } from 'crypto';
import mongoose, { Connection } from 'mongoose';
import { Logger, LoggerModule } from 'nestjs-pino';
import {
  ConsumerState,
  currentCorrelationId,
  traceFields,
  MessagingModule,
  MessagingOptions,
  MonitoredServerKafka,
  consumerOptions,
  ensureTopics,
} from '@jobfair/messaging';
import { AccessGuard } from './auth/access.guard';
import { operatorsOnly } from './auth/operator-token';
import { checkConsumedTopics } from './consumed-topics';
import { IndexesBuilt } from './indexes-built';
import { ServiceConfig, kafkaConnection, loadConfig, topicSettings } from './config/service-config';
import { HealthController, KafkaHealthIndicator } from './health/health.controller';
import { IdempotencyInterceptor, documentIdempotencyKey } from './http/idempotency.interceptor';
import { MongoErrorFilter } from './http/mongo-error.filter';
import { createValidationPipe } from './http/validation';
import { loggableRequest, loggableResponse } from './http/access-log';
import { securityHeaders } from './http/security-headers';
import { RequestFlowInterceptor, requestIds } from './http/request-id';
import { requestTraceContext, traceRequests } from './http/request-trace';
import { TracingShutdown, startTracing } from './tracing/tracing';
import { declareErrorResponses } from './http/error-responses';
import { completeSchemasFromValidation } from './http/validated-schemas';
import { rejectUndeclaredMethods } from './http/undeclared-methods';
import { routeInputs } from './http/route-inputs';
import { SERVICE_SPEC, ServiceSpec, usesKafka } from './service-spec';
import { MetricsController } from './metrics/metrics.controller';
import { httpMetrics, monitorDatabaseCommands, startProcessMetrics } from './metrics/metrics';

/** Request bodies are capped: the largest legitimate one is an offline check-in batch. */
const BODY_LIMIT = '1mb';

export function messagingOptions(spec: ServiceSpec<any>, config: ServiceConfig): MessagingOptions {
  return {
    service: spec.name,
    ...kafkaConnection(config),
    topics: topicSettings(config),
    groupId: `${spec.name}${config.kafkaGroupSuffix}`,
    sessionTimeoutMs: config.kafkaSessionTimeoutMs,
    retryBackoffMs: config.consumerRetryBackoffMs,
    retryMaxBackoffMs: config.consumerRetryMaxBackoffMs,
    batchMaxEvents: config.consumerBatchMaxEvents,
    outboxSweepMs: config.outboxSweepMs,
    outbox: {
      batchMaxMessages: config.outboxBatchMaxMessages,
      batchMaxBytes: config.outboxBatchMaxBytes,
      leaseMs: config.outboxLeaseMs,
      retryMaxMs: config.outboxRetryMaxMs,
    },
  };
}

/**
 * A single host needs a direct connection (the local mongo-java-server is not a replica set), unless the
 * URI says otherwise: a replica set reached by one name (a Kubernetes Service) must be discovered.
 */
/** Log levels at which an access log line carries the request's and the response's headers. */
const HEADER_LOG_LEVELS = new Set(['debug', 'trace']);

function mongoOptions(config: ServiceConfig, name: string) {
  const single = !config.mongodbUri
    .replace(/^mongodb:\/\//, '')
    .split('/')[0]
    .includes(',');
  const uriDecides = /[?&](replicaSet|directConnection)=/i.test(config.mongodbUri);
  return {
    dbName: `${config.mongodbDbPrefix}${name}`,
    ...(uriDecides ? {} : { directConnection: single && !config.mongodbUri.startsWith('mongodb+srv') }),
    serverSelectionTimeoutMS: 5000,
    // An optional field left out is absent in the stored document, not null.
    ignoreUndefined: true,
    // Commands are counted and timed for `/metrics`.
    monitorCommands: true,
  };
}

/**
 * Everything a service shares: typed configuration, structured logs, its database,
 * token verification, deny-by-default roles, validation, health and messaging.
 */
@Module({})
export class PlatformModule {
  static forService<C extends ServiceConfig>(spec: ServiceSpec<C>): DynamicModule {
    const config = () => loadConfig(spec.config, spec.defaults);
    // Mongoose formats a stack trace at every query, for the rare "query was already executed"
    // error: under load that was 1-2 % of each service's CPU.
    mongoose.set('skipOriginalStackTraces', true);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        LoggerModule.forRootAsync({
          providers: [{ provide: spec.config, useFactory: config }],
          inject: [spec.config],
          useFactory: (c: ServiceConfig) => {
            const withHeaders = HEADER_LOG_LEVELS.has(c.logLevel);
            return {
              // Every route, in the router's named-wildcard syntax: nestjs-pino's default `*` is the
              // legacy form, which Nest warns of under a global prefix (the gateway's /api).
              forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
              pinoHttp: {
                level: c.logLevel,
                name: spec.name,
                redact: ['req.headers.authorization', 'req.headers.cookie'],
                // Query values can be personal data (a national ID looked up): logged as names only.
                serializers: {
                  req: (req: Parameters<typeof loggableRequest>[0]) => loggableRequest(req, withHeaders),
                  res: (res: Parameters<typeof loggableResponse>[0]) => loggableResponse(res, withHeaders),
                },
                autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
                genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
                // A request's last line names its trace whatever async context it is written in.
                customSuccessObject: (req, _res, line: object) => ({ ...line, ...traceFields(requestTraceContext(req)) }),
                customErrorObject: (req, _res, _error, line: object) => ({ ...line, ...traceFields(requestTraceContext(req)) }),
                // Lines logged while handling an event (no request) carry the event's flow; every line its trace.
                mixin: () => {
                  const correlationId = currentCorrelationId();
                  return { ...(correlationId ? { correlationId } : {}), ...traceFields() };
                },
              },
            };
          },
        }),
        MongooseModule.forRootAsync({
          useFactory: () => {
            const c = config();
            return { uri: c.mongodbUri, ...mongoOptions(c, spec.name), retryAttempts: 2, retryDelay: 1000 };
          },
        }),
        // A key object, not the string: given a string, jsonwebtoken first tries it as a public
        // key at every verify (a thrown error each time, most of a request's CPU under load).
        JwtModule.registerAsync({ global: true, useFactory: () => ({ secret: createSecretKey(Buffer.from(config().jwtSecret)) }) }),
        TerminusModule,
        MessagingModule.forRootAsync({ useFactory: () => messagingOptions(spec, config()) }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: spec.config, useFactory: config },
        { provide: SERVICE_SPEC, useValue: spec },
        { provide: ServiceConfig, useExisting: spec.config },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: MongoErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestFlowInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        KafkaHealthIndicator,
        IndexesBuilt,
        TracingShutdown,
      ],
      exports: [spec.config, ServiceConfig],
    };
  }
}

/**
 * Checks what a service needs before Nest starts, so each failure is one line that
 * says what to do: configuration, the broker (and the topics), the database.
 */
export async function preflight<C extends ServiceConfig>(spec: ServiceSpec<C>): Promise<C> {
  const config = loadConfig(spec.config, spec.defaults);
  if (usesKafka(spec)) await ensureTopics(kafkaConnection(config), spec.name, [...spec.consumes, ...spec.produces], topicSettings(config));
  const connection = mongoose.createConnection(config.mongodbUri, { ...mongoOptions(config, spec.name), serverSelectionTimeoutMS: 3000 });
  try {
    await connection.asPromise();
  } catch {
    throw new Error(`MongoDB is not reachable at ${config.mongodbUri}: start it with \`npm run infra:start\` or set MONGODB_URI`);
  } finally {
    await connection.close().catch(() => undefined);
  }
  return config;
}

/** Wires an application (in a service process or a test): validation limits, docs, the consumer, shutdown hooks. */
export async function startService<C extends ServiceConfig>(app: NestExpressApplication, spec: ServiceSpec<C>, config: C): Promise<void> {
  checkConsumedTopics(app, spec.name, spec.consumes);
  app.disable('x-powered-by');
  startTracing(spec.name, config);
  app.use(requestIds());
  app.use(traceRequests());
  startProcessMetrics(spec.name);
  monitorDatabaseCommands(app.get<Connection>(getConnectionToken()).getClient());
  app.use(httpMetrics());
  app.use(securityHeaders());
  app.useBodyParser('json', { limit: BODY_LIMIT });
  spec.configure?.(app, config);
  const document = declareErrorResponses(
    completeSchemasFromValidation(
      SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(spec.title).setVersion('1').addBearerAuth().build()),
      routeInputs(app),
    ),
  );
  documentIdempotencyKey(document, config.idempotencyTtlSeconds);
  // Before Nest's routes (registered when it listens); the gateway's proxy, mounted above, leaves this to the services.
  app.use(rejectUndeclaredMethods(document));
  if (spec.serveDocs) spec.serveDocs(app, document, config);
  else {
    // In production a service's own document is for the gateway, which serves the merged one.
    if (config.nodeEnv === 'production') app.use(['/docs', '/docs-json'], operatorsOnly(config.metricsToken));
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
  if (spec.consumes.length) {
    app.connectMicroservice({
      strategy: new MonitoredServerKafka(
        consumerOptions(messagingOptions(spec, config)),
        app.get(ConsumerState),
        config.consumerCommitIntervalMs,
      ),
    });
    await app.startAllMicroservices();
  }
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
}

/** `main.ts` of every service: preflight, create, start; a start-up failure is one line and exit code 1. */
export async function runService<C extends ServiceConfig>(spec: ServiceSpec<C>, appModule: Type<unknown>): Promise<void> {
  try {
    const config = await preflight(spec);
    const app = await NestFactory.create<NestExpressApplication>(appModule, { bufferLogs: true, abortOnError: false });
    app.useLogger(app.get(Logger));
    await startService(app, spec, config);
    new NestLogger(spec.name).log(`${spec.title} listening on http://127.0.0.1:${config.port} (docs at /docs)`);
  } catch (error) {
    // One line that says what to do; the stack only when asked for (LOG_LEVEL=debug).
    const debug = ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
    process.stderr.write(`${spec.name}: ${debug ? (error as Error).stack : (error as Error).message}\n`);
    process.exit(1);
  }
}
