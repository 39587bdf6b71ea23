import { BeforeApplicationShutdown, DynamicModule, Global, Injectable, Logger, Module } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { ConsumerState } from './consumer/consumer-state';
import { EventDispatcher } from './consumer/event-dispatcher';
import { EventPublisher } from './event-publisher';
import { kafkaClientConfig } from './kafka-client';
import { KAFKA_PRODUCER_CLIENT, MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * Shutdown in the order DESIGN.md asks: stop consuming and leave the group, publish
 * what the outbox holds, close the producer; the database closes after this hook.
 */
@Injectable()
class MessagingShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('MessagingShutdown');

  constructor(
    private readonly consumer: ConsumerState,
    private readonly relay: OutboxRelay,
    private readonly publisher: EventPublisher,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop?.().catch((e: Error) => this.logger.warn(`leaving the group: ${e.message}`));
    await this.relay.drain();
    await this.publisher.close().catch((e: Error) => this.logger.warn(`closing the producer: ${e.message}`));
  }
}

export interface MessagingModuleOptions {
  imports?: DynamicModule['imports'];
  inject?: any[];
  useFactory: (...args: any[]) => MessagingOptions;
}

@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: options.imports ?? [],
      providers: [
        { provide: MESSAGING_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: KAFKA_PRODUCER_CLIENT,
          inject: [MESSAGING_OPTIONS],
          useFactory: (o: MessagingOptions) =>
            new ClientKafka({
              client: kafkaClientConfig(o, `${o.service}-producer`),
              producer: { idempotent: true, allowAutoTopicCreation: false },
              producerOnlyMode: true,
              postfixId: '',
            }),
        },
        EventPublisher,
        OutboxRelay,
        EventDispatcher,
        ConsumerState,
        MessagingShutdown,
      ],
      exports: [MESSAGING_OPTIONS, EventPublisher, OutboxRelay, EventDispatcher, ConsumerState],
    };
  }
}
