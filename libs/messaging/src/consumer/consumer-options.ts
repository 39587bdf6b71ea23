import { KafkaOptions } from '@nestjs/microservices';
import { logLevel } from 'kafkajs';
import { MessagingOptions } from '../messaging.options';

/** Kafka transport options for a service's consumer: its own group, exactly (no `-server` suffix). */
export function consumerOptions(o: MessagingOptions): NonNullable<KafkaOptions['options']> {
  return {
    client: { clientId: `${o.service}-consumer`, brokers: o.brokers, logLevel: logLevel.WARN },
    consumer: { groupId: o.groupId, allowAutoTopicCreation: false },
    subscribe: { fromBeginning: true },
    run: { autoCommit: true },
    postfixId: '',
  };
}
