// Preloaded (node -r) into the services bench-live profiles: records a V8 CPU profile from
// start-up and writes it to $CPU_PROFILE_DIR/<name>-<pid>.cpuprofile on SIGTERM, then exits.
// (`--cpu-prof` itself is refused in NODE_OPTIONS, and the services are spawned by
// deploy/local/services.js, so the profiler is started through the inspector instead.)
'use strict';
const fs = require('fs');
const inspector = require('inspector');
const path = require('path');

const dir = process.env.CPU_PROFILE_DIR;
const name = path.basename(path.dirname(path.dirname(process.argv[1] ?? 'node')));
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));
process.on('SIGTERM', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) fs.writeFileSync(path.join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    process.exit(0);
  });
});
