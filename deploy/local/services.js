#!/usr/bin/env node
// Starts and stops every service as its own process from the compiled dist/, with logs and
// pid files under .local/. Used by `npm start` (deploy/local/start.sh) and by the test run
// (test/support's jest global setup), so the system under test is the one people run.
//   [INSTANCES=N] node deploy/local/services.js start|stop|running [--port-offset N] [--tag NAME]
// INSTANCES=2 runs two processes of every service (instance i on its default port + (i-1) * 10);
// the gateway takes a service's instances in turn.
'use strict';
const { spawn } = require('child_process');
const { createHash } = require('crypto');
const fs = require('fs');
const path = require('path');
const { describePortHolder } = require('./port-holder');

const ROOT = path.resolve(__dirname, '..', '..');
const { services: SERVICES } = require('../../libs/contracts/src/services.json');
const READY_TIMEOUT_MS = Number(process.env.SERVICES_READY_TIMEOUT_MS ?? 90000);
const STOP_TIMEOUT_MS = 10000;
/** Instance i of a service listens on its port + (i - 1) * this: below the +100 of another system beside it. */
const INSTANCE_PORT_STEP = 10;
const MAX_INSTANCES = 9;

const net = require('net');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Whether something accepts connections on the port (a leftover process would answer for ours). */
const portTaken = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** How many processes of each service: `options.instances`, else INSTANCES, else one. */
function instanceCount(options) {
  const count = Number(options.instances ?? process.env.INSTANCES ?? 1);
  if (!Number.isInteger(count) || count < 1 || count > MAX_INSTANCES) {
    throw new Error(`INSTANCES must be a whole number from 1 to ${MAX_INSTANCES}, not ${options.instances ?? process.env.INSTANCES}`);
  }
  return count;
}

/** Instance 1 keeps the service's name (its pid and log files as before); instance i is `<name>-<i>`. */
const instanceId = (name, i) => (i === 1 ? name : `${name}-${i}`);
const serviceOfInstance = (id) => id.replace(/-\d+$/, '');

/**
 * The ports, URLs and environment of one system; `tag` keeps a test run apart from `npm start`.
 * `instances` lists each service's processes (id, port, url); `urls` is the first one's, and the
 * environment gives every service the URLs of all instances of the others (comma-separated).
 */
function layout(options = {}) {
  const { portOffset = 0, tag = 'system' } = options;
  const run = path.join(ROOT, '.local', 'run', tag);
  const logs = path.join(ROOT, '.local', 'logs', tag);
  const count = instanceCount(options);
  const instances = Object.fromEntries(
    SERVICES.map((s) => [
      s.name,
      Array.from({ length: count }, (_, i) => {
        const port = s.port + portOffset + i * INSTANCE_PORT_STEP;
        return { id: instanceId(s.name, i + 1), port, url: `http://127.0.0.1:${port}` };
      }),
    ]),
  );
  const ports = Object.fromEntries(SERVICES.map((s) => [s.name, instances[s.name][0].port]));
  const urls = Object.fromEntries(SERVICES.map((s) => [s.name, instances[s.name][0].url]));
  const env = {
    ...Object.fromEntries(SERVICES.map((s) => [`${s.name.toUpperCase()}_URL`, instances[s.name].map((i) => i.url).join(',')])),
  };
  return { run, logs, ports, urls, env, instances };
}

/** Every compiled file under `dir`, depth first, in a stable order. */
function compiledFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? compiledFiles(full) : entry.name.endsWith('.js') ? [full] : [];
    });
}

/**
 * What a service runs: a hash of its compiled app and the libraries. tsc rewrites every file on
 * each build, so contents, not times, tell whether a running process is out of date.
 */
function buildFingerprint(name) {
  const hash = createHash('sha256');
  for (const file of [...compiledFiles(path.join(ROOT, 'dist', 'apps', name)), ...compiledFiles(path.join(ROOT, 'dist', 'libs'))]) {
    hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function ready(url) {
  try {
    const response = await fetch(`${url}/health/ready`);
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts every service that has been built, waits until each reports ready, and
 * returns the URLs. A service that exits or stays unready fails with its log's tail.
 */
async function start(options = {}, extraEnv = {}) {
  const { run, logs, instances, env } = layout(options);
  fs.mkdirSync(run, { recursive: true });
  fs.mkdirSync(logs, { recursive: true });
  const started = [];
  const ports = {};
  const urls = {};
  // ONLY_SERVICES=employers,gateway starts a subset (while working on one service); a test restarting one passes `only`.
  const only = options.only ?? (process.env.ONLY_SERVICES ? process.env.ONLY_SERVICES.split(',') : null);
  const names = SERVICES.filter((s) => !only || only.includes(s.name)).map((s) => s.name);
  // Instances beyond the count asked for (a start with fewer than the last time) stop.
  const wanted = new Set(names.flatMap((name) => instances[name].map((i) => i.id)));
  const extra = fs.existsSync(run)
    ? fs
        .readdirSync(run)
        .filter((f) => f.endsWith('.pid') && names.includes(serviceOfInstance(f.slice(0, -4))) && !wanted.has(f.slice(0, -4)))
        .map((f) => f.slice(0, -4))
    : [];
  if (extra.length) await stop({ ...options, only: extra });
  for (const { name: service, id: name, port, url } of names.flatMap((service) =>
    instances[service].map((i) => ({ name: service, ...i })),
  )) {
    ports[name] = port;
    urls[name] = url;
    const main = path.join(ROOT, 'dist', 'apps', service, 'src', 'main.js');
    if (!fs.existsSync(main)) {
      console.log(`services: ${name} is not built (no ${path.relative(ROOT, main)}); skipped`);
      continue;
    }
    const pidFile = path.join(run, `${name}.pid`);
    const buildFile = path.join(run, `${name}.build`);
    // The gateway's environment names every instance of the others: another count is another build of it.
    const build = buildFingerprint(service) + (service === 'gateway' ? `x${instances[service].length}` : '');
    const previous = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : 0;
    if (previous && alive(previous)) {
      const runningBuild = fs.existsSync(buildFile) ? fs.readFileSync(buildFile, 'utf8') : '';
      if (runningBuild !== build) {
        console.log(`services: ${name} runs an older build; restarting it`);
        await stop({ ...options, only: [name] });
      } else if (await ready(urls[name])) {
        console.log(`services: ${name} already running on ${urls[name]}`);
        started.push(name);
        continue;
      }
    }
    if (await portTaken(ports[name])) {
      await stop({ ...options, only: started });
      throw new Error(`${describePortHolder(ports[name])}, which ${name} needs; stop it there, or start with another --port-offset`);
    }
    const logFile = path.join(logs, `${name}.log`);
    const out = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'deploy', 'register-paths.js'), main], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, ...env, ...extraEnv, PORT: String(ports[name]) },
    });
    child.unref();
    fs.writeFileSync(pidFile, String(child.pid));
    fs.writeFileSync(buildFile, build);
    started.push(name);
    console.log(`services: starting ${name} on ${urls[name]} (log ${path.relative(ROOT, logFile)})`);
  }
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const name of started) {
    const pid = Number(fs.readFileSync(path.join(run, `${name}.pid`), 'utf8'));
    while (!(await ready(urls[name]))) {
      const logFile = path.join(logs, `${name}.log`);
      if (!alive(pid) || Date.now() > deadline) {
        const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
        await stop({ ...options, only: started }); // leave nothing half-started behind
        throw new Error(`${name} ${alive(pid) ? 'did not get ready in time' : 'exited'}; last lines of ${logFile}:\n${tail}`);
      }
      await sleep(300);
    }
    console.log(`services: ${name} ready`);
  }
  const first = started.filter((name) => serviceOfInstance(name) === name);
  return { urls: Object.fromEntries(first.map((name) => [name, urls[name]])), env, instances };
}

/**
 * Stops the services of one system (or `options.only` of them): SIGTERM (graceful:
 * leave the group, flush the outbox), then SIGKILL; `options.signal` may say SIGKILL at once.
 */
async function stop(options = {}) {
  const { run } = layout(options);
  if (!fs.existsSync(run)) return;
  const pids = [];
  // `only` names services (all their instances) or single instances (`matcher-2`).
  const chosen = (id) => !options.only || options.only.includes(id) || options.only.includes(serviceOfInstance(id));
  const files = fs.readdirSync(run).filter((f) => f.endsWith('.pid') && chosen(f.slice(0, -4)));
  for (const file of files) {
    const pid = Number(fs.readFileSync(path.join(run, file), 'utf8'));
    fs.rmSync(path.join(run, file));
    fs.rmSync(path.join(run, `${file.slice(0, -4)}.build`), { force: true });
    if (pid && alive(pid)) {
      process.kill(pid, options.signal ?? 'SIGTERM');
      pids.push(pid);
    }
  }
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (pids.some(alive) && Date.now() < deadline) await sleep(200);
  for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
}

/** The service instances of one system whose process is alive. */
function running(options = {}) {
  const { run } = layout(options);
  if (!fs.existsSync(run)) return [];
  return fs
    .readdirSync(run)
    .filter((f) => f.endsWith('.pid') && alive(Number(fs.readFileSync(path.join(run, f), 'utf8'))))
    .map((f) => f.slice(0, -4));
}

module.exports = { start, stop, running, layout, SERVICES };

if (require.main === module) {
  const [command] = process.argv.slice(2);
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const options = { portOffset: Number(arg('port-offset') ?? 0), tag: arg('tag') ?? 'system' };
  if (command === 'running') {
    // Exit code 0 and the names when any service of the instance runs (for the shell scripts).
    const names = running(options);
    if (names.length) console.log(names.join(' '));
    process.exit(names.length ? 0 : 1);
  }
  const action = command === 'start' ? start(options) : command === 'stop' ? stop(options) : null;
  if (!action) {
    console.error('usage: services.js start|stop|running [--port-offset N] [--tag NAME]');
    process.exit(2);
  }
  action.then(
    () => undefined,
    (error) => {
      console.error(`services: ${error.message}`);
      process.exit(1);
    },
  );
}
