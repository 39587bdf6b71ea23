#!/usr/bin/env node
// Waits until Kafka or MongoDB really answers (not just until its port is open).
//   node deploy/local/wait-for.js kafka|mongo [--timeout <s>] [--pid <pid>] [--log <file>]
// Addresses come from KAFKA_BROKERS / MONGODB_URI, else the local defaults of infra.sh.
// Exit 0 when ready; otherwise one line on stderr and exit 1.
'use strict';

const { Kafka, logLevel } = require('kafkajs');
const { MongoClient } = require('mongodb');

function parseArgs(argv) {
  const opts = { what: argv[0], timeout: 60, pid: undefined, log: undefined };
  for (let i = 1; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--timeout') opts.timeout = Number(value);
    else if (flag === '--pid') opts.pid = Number(value);
    else if (flag === '--log') opts.log = value;
    else throw new Error(`unknown option ${flag}`);
  }
  if (opts.what !== 'kafka' && opts.what !== 'mongo') {
    throw new Error('usage: wait-for.js kafka|mongo [--timeout <s>] [--pid <pid>] [--log <file>]');
  }
  return opts;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function kafkaReady(brokers, remainingMs) {
  const kafka = new Kafka({
    clientId: 'infra-wait-for',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: Math.max(3000, Math.min(remainingMs, 15000)),
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    // Asking for a group goes through the group coordinator, which right after a first
    // start is still loading __consumer_offsets; consumers cannot join until it answers.
    await admin.describeGroups(['infra-readiness-probe']);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function mongoReady(uri) {
  const hosts = uri.replace(/^mongodb:\/\//, '').split(/[/?]/)[0];
  const single = !uri.startsWith('mongodb+srv://') && !hosts.includes(',');
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: 2000,
    connectTimeoutMS: 2000,
    ...(single ? { directConnection: true } : {}),
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const kafkaBrokers = (process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || 9092}`)
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const mongoUri = process.env.MONGODB_URI || `mongodb://127.0.0.1:${process.env.MONGO_PORT || 27017}`;
  const target = opts.what === 'kafka' ? kafkaBrokers.join(',') : mongoUri;
  const name = opts.what === 'kafka' ? 'Kafka' : 'MongoDB';
  const hint = opts.log ? `; see ${opts.log}` : '';

  const deadline = Date.now() + opts.timeout * 1000;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (opts.pid !== undefined && !alive(opts.pid)) {
      process.stderr.write(`${name} (pid ${opts.pid}) exited while starting${hint}\n`);
      process.exit(1);
    }
    try {
      if (opts.what === 'kafka') await kafkaReady(kafkaBrokers, deadline - Date.now());
      else await mongoReady(mongoUri);
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      await sleep(500);
    }
  }
  process.stderr.write(`${name} at ${target} did not answer within ${opts.timeout} s (${lastError})${hint}\n`);
  process.exit(1);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
