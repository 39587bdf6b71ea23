#!/usr/bin/env node
// Says who holds a TCP port on this machine, and from which checkout, so that a second
// checkout's `npm start` / `npm test` can tell the person what to stop:
//   node deploy/local/port-holder.js <port>   ->  "pid 123 (java kafka.Kafka) of the checkout /work/other"
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/** The listening process's pid, from `ss` (iproute2); undefined when nobody listens or ss is missing. */
function listenerPid(port) {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const match = /pid=(\d+)/.exec(out);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The checkout a process belongs to: the folder holding the `.local/` its command line names, else its working folder's package root. */
function checkoutOf(pid) {
  const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const local = args
    .map((a) => a.indexOf(`${path.sep}.local${path.sep}`) > 0 && a.slice(0, a.indexOf(`${path.sep}.local${path.sep}`)))
    .find(Boolean);
  if (local) return { args, checkout: local };
  let dir = fs.readlinkSync(`/proc/${pid}/cwd`);
  while (dir !== path.dirname(dir) && !fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return { args, checkout: fs.existsSync(path.join(dir, 'package.json')) ? dir : undefined };
}

function describePortHolder(port) {
  const pid = listenerPid(port);
  if (!pid) return `port ${port} is in use`;
  try {
    const { args, checkout } = checkoutOf(pid);
    const command = [path.basename(args[0] ?? '?'), args.find((a) => /^kafka\.Kafka$|MongoLauncher|main\.js$/.test(a)) ?? '']
      .join(' ')
      .trim();
    return `port ${port} is held by pid ${pid} (${command})${checkout ? ` of the checkout ${checkout}` : ''}`;
  } catch {
    return `port ${port} is held by pid ${pid}`;
  }
}

module.exports = { describePortHolder };

if (require.main === module) console.log(describePortHolder(Number(process.argv[2])));
