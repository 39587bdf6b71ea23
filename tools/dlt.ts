/**
 * Shows and replays what consumers could not apply: the messages of a dead-letter topic
 * (`<topic>.dlt`) with the reason the consumer gave, and re-delivers chosen ones to the
 * original topic once the cause is fixed. Replaying is safe to repeat: every consumer
 * applies an event once (read models by aggregate version, counters by id).
 *
 *   npm run -s dlt -- list <topic>
 *   npm run -s dlt -- replay <topic> (--offset <partition>:<offset> ... | --all)
 */
import { randomBytes } from 'crypto';
import { IHeaders, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { deadLetterTopic } from '@jobfair/contracts';
import { readCommandLine } from './command-line';

const USAGE = 'dlt list|replay <topic> [--offset <partition>:<offset> ...] [--all] [--brokers host:port,...]';
/** Headers the dead-lettering consumer added; a replayed message goes back without them. */
const DLT_HEADER = /^dlt-/;

interface DeadLetter {
  partition: number;
  offset: string;
  message: KafkaMessage;
  headers: Record<string, string>;
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

/** Every message the dead-letter topic holds now, read by a throw-away consumer group. */
async function readAll(kafka: Kafka, topic: string): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `dlt-tool-${randomBytes(6).toString('hex')}`;
  try {
    if (!(await admin.listTopics()).includes(topic)) throw new Error(`no topic ${topic} on the broker`);
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
    const letters: DeadLetter[] = [];
    const pending = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
    if (pending.size) {
      const consumer = kafka.consumer({ groupId });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              letters.push({ partition, offset: message.offset, message, headers: headerStrings(message.headers) });
              if (BigInt(message.offset) + 1n >= ends.get(partition)!) pending.delete(partition);
              if (!pending.size) resolve();
            },
          })
          .catch(reject);
      });
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.disconnect();
  }
}

function describe(letter: DeadLetter): string {
  const { headers, message } = letter;
  let type: string | undefined = headers['event-type'];
  if (!type) {
    try {
      type = JSON.parse(message.value?.toString() ?? '').type;
    } catch {
      // Not JSON (a message that failed its contract): no type to show.
    }
  }
  return [
    `${letter.partition}:${letter.offset}`,
    `key=${message.key?.toString() ?? '-'}`,
    `type=${type ?? '-'}`,
    `at=${headers['dlt-at'] ?? new Date(Number(message.timestamp)).toISOString()}`,
    `from=${headers['dlt-topic'] ?? '-'}[${headers['dlt-partition'] ?? '-'}]@${headers['dlt-offset'] ?? '-'}`,
    `group=${headers['dlt-group'] ?? '-'}`,
    `reason=${headers['dlt-reason'] ?? '-'}`,
  ].join('  ');
}

/** `--offset 2:17` names one message; a bare `17` is accepted when only one partition has it. */
function choose(letters: DeadLetter[], offsets: string[]): DeadLetter[] {
  return offsets.map((wanted) => {
    const [partition, offset] = wanted.includes(':') ? wanted.split(':') : [undefined, wanted];
    const found = letters.filter((l) => l.offset === offset && (partition === undefined || String(l.partition) === partition));
    if (found.length !== 1) {
      throw new Error(
        found.length
          ? `--offset ${wanted}: several partitions hold offset ${offset}; say <partition>:<offset>`
          : `--offset ${wanted}: no such dead letter`,
      );
    }
    return found[0];
  });
}

async function main(): Promise<number> {
  const { values, positionals } = readCommandLine({
    usage: USAGE,
    description: `
list <topic>      prints each dead letter: <partition>:<offset>, key, event type, when it was
                  dead-lettered, where it came from, by which consumer group, and why
replay <topic>    sends chosen dead letters back to the original topic, as they were
  --offset P:N    a dead letter to replay (repeatable; N alone when only one partition has it)
  --all           every dead letter of the topic
  --brokers       Kafka bootstrap servers (default: KAFKA_BROKERS, else 127.0.0.1:9092)
<topic> is the original topic or its dead-letter topic (matching.placement.v1 or matching.placement.v1.dlt).
Replaying is safe to repeat: consumers apply each event once.`,
    options: {
      offset: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' },
    },
    positionals: true,
  });
  const [command, named] = positionals;
  const offsets = (values.offset as unknown as string[] | undefined) ?? [];
  const usable =
    positionals.length === 2 && (command === 'list' || (command === 'replay' && (values.all ? !offsets.length : offsets.length > 0)));
  if (!usable) {
    process.stderr.write(`usage: ${USAGE}\n`);
    return 2;
  }
  const original = named.replace(/\.dlt$/, '');
  const topic = deadLetterTopic(original);
  const kafka = new Kafka({ clientId: 'dlt-tool', brokers: String(values.brokers).split(','), logLevel: logLevel.NOTHING });
  const letters = await readAll(kafka, topic);
  if (command === 'list') {
    for (const letter of letters) process.stdout.write(`${describe(letter)}\n`);
    process.stdout.write(`${topic}: ${letters.length} dead letter(s)\n`);
    return 0;
  }
  const chosen = values.all ? letters : choose(letters, offsets);
  const producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const letter of chosen) {
      const headers = Object.fromEntries(Object.entries(letter.headers).filter(([name]) => !DLT_HEADER.test(name)));
      const target = letter.headers['dlt-topic'] ?? original;
      await producer.send({
        topic: target,
        acks: -1,
        messages: [
          {
            key: letter.message.key,
            value: letter.message.value,
            headers: { ...headers, 'replayed-from': `${topic}[${letter.partition}]@${letter.offset}` },
          },
        ],
      });
      process.stdout.write(`replayed ${letter.partition}:${letter.offset} to ${target}\n`);
    }
  } finally {
    await producer.disconnect();
  }
  process.stdout.write(`${topic}: ${chosen.length} of ${letters.length} dead letter(s) replayed\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`dlt: ${error.message}\n`);
    process.exit(1);
  },
);
