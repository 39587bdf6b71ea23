import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, MongooseHealthIndicator } from '@nestjs/terminus';
import { ApiTags } from '@nestjs/swagger';
import { ConsumerState, MESSAGING_OPTIONS, MessagingOptions, brokerAnswers } from '@jobfair/messaging';
import { Public } from '../auth/roles';
import { SERVICE_SPEC, ServiceSpec, usesKafka } from '../service-spec';

@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly consumer: ConsumerState,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec<any>,
  ) {}

  /** Ready when the broker answers and, for a consuming service, the consumer is in its group. */
  async check(key: string) {
    const indicator = this.indicators.check(key);
    if (!usesKafka(this.spec)) return indicator.up({ kafka: 'not used' });
    if (this.consumer.crashed) return indicator.down({ consumer: `crashed: ${this.consumer.crashed}` });
    if (this.consumer.enabled && !this.consumer.joined) return indicator.down({ consumer: 'not in its group yet' });
    if (this.consumer.stalled) return indicator.down({ consumer: `waiting for a dependency at ${this.consumer.stalled}` });
    if (!(await brokerAnswers(this.options, this.options.service))) {
      return indicator.down({ broker: `not reachable at ${this.options.brokers.join(',')}` });
    }
    return indicator.up({ consumer: this.consumer.enabled ? 'joined' : 'none' });
  }
}

/** `/health`: the process lives. `/health/ready`: it can do its work (database and Kafka). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MongooseHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  @Get()
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 }), () => this.kafka.check('kafka')]);
  }
}
