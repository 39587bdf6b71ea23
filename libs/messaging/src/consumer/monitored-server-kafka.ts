import { Logger } from '@nestjs/common';
import { KafkaOptions, ServerKafka } from '@nestjs/microservices';
import { consumerLag } from '../metrics';
import { ConsumerState } from './consumer-state';

/**
 * The Nest Kafka transport, plus what it lacks: readiness follows the consumer's
 * group membership, the lag of each partition is a metric, and a consumer that crashed for good ends the process (non-zero)
 * so a supervisor restarts it instead of leaving a live process that consumes nothing.
 */
export class MonitoredServerKafka extends ServerKafka {
  private readonly monitorLogger = new Logger('KafkaConsumer');

  constructor(
    options: KafkaOptions['options'],
    private readonly state: ConsumerState,
  ) {
    super(options ?? {});
    state.enabled = true;
    state.stop = () => {
      state.stopping.abort();
      return this.close();
    };
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer;
    if (!consumer) return;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.state.joined = true;
    });
    consumer.on(consumer.events.REBALANCING, () => {
      this.state.joined = false;
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      consumerLag.set({ topic: payload.topic, partition: String(payload.partition) }, Number(payload.offsetLag));
    });
    consumer.on(consumer.events.STOP, () => {
      this.state.joined = false;
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.state.joined = false;
      const { error, restart } = event.payload;
      if (restart) {
        this.monitorLogger.warn(`consumer crashed and restarts: ${error.message}`);
        return;
      }
      this.state.crashed = error.message;
      this.monitorLogger.error(`consumer crashed for good (${error.message}); exiting so the service is restarted`);
      process.exit(1);
    });
  }
}
