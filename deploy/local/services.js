#!/usr/bin/env node
// Starts and stops every service as its own process from the compiled dist/, with logs and
// pid files under .local/. Used by `npm start` (deploy/local/start.sh) and by the test run
// (test/support's jest global setup), so the system under test is the one people run.
//   node deploy/local/services.js start|stop|running [--port-offset N] [--tag NAME]
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

/** The ports, URLs and environment of one system instance; `tag` keeps a test run apart from `npm start`. */
function layout({ portOffset = 0, tag = 'system' } = {}) {
  const run = path.join(ROOT, '.local', 'run', tag);
  const logs = path.join(ROOT, '.local', 'logs', tag);
  const ports = Object.fromEntries(SERVICES.map((s) => [s.name, s.port + portOffset]));
  const urls = Object.fromEntries(SERVICES.map((s) => [s.name, `http://127.0.0.1:${ports[s.name]}`]));
  const env = {
    ...Object.fromEntries(SERVICES.map((s) => [`${s.name.toUpperCase()}_URL`, urls[s.name]])),
  };
  return { run, logs, ports, urls, env };
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
  const { run, logs, ports, urls, env } = layout(options);
  fs.mkdirSync(run, { recursive: true });
  fs.mkdirSync(logs, { recursive: true });
  const started = [];
  // ONLY_SERVICES=employers,gateway starts a subset (while working on one service); a test restarting one passes `only`.
  const only = options.only ?? (process.env.ONLY_SERVICES ? process.env.ONLY_SERVICES.split(',') : null);
  for (const { name } of SERVICES.filter((s) => !only || only.includes(s.name))) {
    const main = path.join(ROOT, 'dist', 'apps', name, 'src', 'main.js');
    if (!fs.existsSync(main)) {
      console.log(`services: ${name} is not built (no ${path.relative(ROOT, main)}); skipped`);
      continue;
    }
    const pidFile = path.join(run, `${name}.pid`);
    const buildFile = path.join(run, `${name}.build`);
    const build = buildFingerprint(name);
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
  return { urls: Object.fromEntries(started.map((name) => [name, urls[name]])), env };
}

/**
 * Stops the services of one instance (or `options.only` of them): SIGTERM (graceful:
 * leave the group, flush the outbox), then SIGKILL; `options.signal` may say SIGKILL at once.
 */
async function stop(options = {}) {
  const { run } = layout(options);
  if (!fs.existsSync(run)) return;
  const pids = [];
  const files = fs.readdirSync(run).filter((f) => f.endsWith('.pid') && (!options.only || options.only.includes(f.slice(0, -4))));
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

/** The services of one instance whose process is alive. */
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
