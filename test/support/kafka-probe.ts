import { randomBytes } from 'crypto';
import { Consumer, IHeaders, Kafka, logLevel } from 'kafkajs';

export interface ProbedMessage {
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** The parsed JSON value, when it is JSON. */
  json: any;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}

/**
 * An independent Kafka client for tests: reads topics from the beginning in a group
 * of its own and waits for a message that matches, so a test can prove what went
 * over the wire without trusting the services' own code.
 */
export class KafkaProbe {
  private readonly seen: ProbedMessage[] = [];
  private waiters: { match: (m: ProbedMessage) => boolean; resolve: (m: ProbedMessage) => void }[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async open(topics: string[], brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')): Promise<KafkaProbe> {
    const kafka = new Kafka({ clientId: 'test-probe', brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `test-probe-${randomBytes(6).toString('hex')}` });
    const probe = new KafkaProbe(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const value = message.value?.toString() ?? null;
        let json: unknown;
        try {
          json = value ? JSON.parse(value) : undefined;
        } catch {
          json = undefined;
        }
        const probed = { topic, key: message.key?.toString() ?? null, value, headers: headerStrings(message.headers), json };
        probe.seen.push(probed);
        probe.waiters = probe.waiters.filter((w) => (w.match(probed) ? (w.resolve(probed), false) : true));
      },
    });
    return probe;
  }

  /** Resolves with the first message (already seen or yet to come) that matches. */
  waitFor(match: (m: ProbedMessage) => boolean, timeoutMs = 20000): Promise<ProbedMessage> {
    const found = this.seen.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching Kafka message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /**
   * The matching events seen so far, each once: delivery is at least once (an outbox relay
   * may publish an event again), so an event is told apart by its envelope id.
   */
  events(match: (m: ProbedMessage) => boolean = () => true): ProbedMessage[] {
    const ids = new Set<string>();
    return this.seen.filter((m) => {
      if (!match(m)) return false;
      const id = m.json?.id;
      if (typeof id !== 'string') return true;
      if (ids.has(id)) return false;
      ids.add(id);
      return true;
    });
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
  }
}
