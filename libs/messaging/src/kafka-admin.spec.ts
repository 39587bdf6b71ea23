import { randomBytes } from 'crypto';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { ensureTopics } from './kafka-admin';
import { kafkaClientConfig } from './kafka-client';

const local = { brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), security: {} };

describe('Kafka clients from configuration', () => {
  it('puts TLS (with the CA file read) and SASL on the client configuration', () => {
    const caFile = join(mkdtempSync(join(tmpdir(), 'kafka-ca-')), 'ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const config = kafkaClientConfig(
      {
        brokers: ['b1:9093'],
        security: { tls: { caFile, rejectUnauthorized: true }, sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' } },
      },
      'matcher-producer',
    );
    expect(config).toMatchObject({
      clientId: 'matcher-producer',
      brokers: ['b1:9093'],
      ssl: { rejectUnauthorized: true, ca: [expect.stringContaining('BEGIN CERTIFICATE')] },
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
    });
    expect(kafkaClientConfig(local, 'x')).not.toHaveProperty('ssl');
  });
});

describe('ensureTopics against the real broker', () => {
  const admin = new Kafka({ brokers: local.brokers, logLevel: logLevel.NOTHING }).admin();
  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  it('creates topics and their dead-letter topics with the configured partitions and min.insync.replicas', async () => {
    const topic = `test.settings-${randomBytes(4).toString('hex')}.v1`;
    await ensureTopics(local, 'settings-test', [topic], { create: true, partitions: 2, replicationFactor: -1, minInsyncReplicas: 1 });
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic, `${topic}.dlt`] });
    expect(topics.map((t) => t.partitions.length)).toEqual([2, 2]);
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
    });
    expect(resources[0].configEntries.find((e) => e.configName === 'min.insync.replicas')).toMatchObject({
      configValue: '1',
      isDefault: false,
    });
  });

  it('does not create topics when told not to, and names the missing ones', async () => {
    const topic = `test.provisioned-${randomBytes(4).toString('hex')}.v1`;
    await expect(ensureTopics(local, 'settings-test', [topic], { create: false, partitions: 3, replicationFactor: -1 })).rejects.toThrow(
      `Kafka topics missing (KAFKA_CREATE_TOPICS=false, so they are not created here): ${topic}, ${topic}.dlt`,
    );
    expect(await admin.listTopics()).not.toContain(topic);
  });
});
