import { randomBytes } from 'crypto';
import { Consumer, IHeaders, Kafka, logLevel } from 'kafkajs';
import type { SealedPersonalData } from '@jobfair/contracts';
import { KEY_TOPIC_OF, opened, sealedPartOf } from './personal-data';

export interface ProbedMessage {
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** The parsed JSON value, when it is JSON; an event with sealed fields opened (`value` keeps them sealed). */
  json: any;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}

/**
 * An independent Kafka client for tests: reads topics from the beginning in a group
 * of its own and waits for a message that matches, so a test can prove what went
 * over the wire without trusting the services' own code. Events with sealed personal
 * fields are shown opened, as their readers see them: the probe also reads their key
 * topic, and holds such an event back until its key has come.
 */
export class KafkaProbe {
  private readonly seen: ProbedMessage[] = [];
  private waiters: { match: (m: ProbedMessage) => boolean; resolve: (m: ProbedMessage) => void }[] = [];
  /** Wrapped data keys by subject, from the key topics. */
  private readonly keys = new Map<string, SealedPersonalData>();
  /** Sealed events waiting for their subject's key. */
  private held: { subjectId: string; message: ProbedMessage }[] = [];

  private constructor(
    private readonly consumer: Consumer,
    private readonly asked: Set<string>,
  ) {}

  static async open(topics: string[], brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')): Promise<KafkaProbe> {
    const kafka = new Kafka({ clientId: 'test-probe', brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `test-probe-${randomBytes(6).toString('hex')}` });
    const probe = new KafkaProbe(consumer, new Set(topics));
    const keyTopics = topics.map((topic) => KEY_TOPIC_OF[topic]).filter(Boolean);
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set([...topics, ...keyTopics])], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const value = message.value?.toString() ?? null;
        let json: any;
        try {
          json = value ? JSON.parse(value) : undefined;
        } catch {
          json = undefined;
        }
        probe.receive({ topic, key: message.key?.toString() ?? null, value, headers: headerStrings(message.headers), json });
      },
    });
    return probe;
  }

  private receive(probed: ProbedMessage): void {
    if (Object.values(KEY_TOPIC_OF).includes(probed.topic)) {
      const data = probed.json?.data;
      if (data?.wrappedKey) this.keys.set(data.subjectId, data.wrappedKey);
      const waiting = this.held.filter((h) => h.subjectId === data?.subjectId);
      this.held = this.held.filter((h) => h.subjectId !== data?.subjectId);
      // Shredded before the probe saw the event: it stays sealed.
      for (const { message } of waiting)
        this.record(data?.wrappedKey ? { ...message, json: opened(message.json, data.wrappedKey) } : message);
      if (!this.asked.has(probed.topic)) return;
    }
    // Dead-letter copies stay as they are: no key topic goes with them.
    const part = KEY_TOPIC_OF[probed.topic] ? sealedPartOf(probed.json) : undefined;
    if (part) {
      const key = this.keys.get(part.subjectId);
      if (!key) {
        this.held.push({ subjectId: part.subjectId, message: probed });
        return;
      }
      probed = { ...probed, json: opened(probed.json, key) };
    }
    this.record(probed);
  }

  private record(probed: ProbedMessage): void {
    this.seen.push(probed);
    this.waiters = this.waiters.filter((w) => (w.match(probed) ? (w.resolve(probed), false) : true));
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
