/**
 * Matching benchmark (a command, not a test: it prints figures and asserts nothing on time).
 *
 *   npm run bench:matching -- [--sizes 1000x100,10000x1000,100000x10000] [--highs-limit 120]
 *                             [--write-instance path --size SxO] [--no-recommend]
 *
 * Each (size, solver) runs in its own child process so peakMiB is that process's own maximum
 * resident set (instance generation included), not a leftover of an earlier run.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import {
  MAX_LISTED_CHANGES,
  MatchingInstance,
  MatchingRunResult,
  RecordedRun,
  Solution,
  WhatIfChanges,
  alternateLayers,
  buildOpeningIndex,
  checkSolution,
  compareWhatIf,
  generateFair,
  generateInstance,
  greedyBaseline,
  recommend,
  resolvedWeights,
  runMatching,
  solveOptimal,
  solveOptimalSsp,
  solveStable,
  withChanges,
  writeInstanceFile,
} from '@jobfair/matching';
import { readCommandLine } from './command-line';

const { values, positionals } = readCommandLine({
  usage:
    'bench-matching [--sizes 1000x100,10000x1000,100000x10000] [--highs-limit 120] [--no-recommend] | [--write-instance path --size SxO]',
  description: `
Times every solver on generated instances (each in its own process) and prints one line per run:
seconds, peak memory (MiB), total score, pairs matched (the shortlist mode, 3 per seat: its first
layer, then its alternates and whether every layer keeps every limit); then, per size, the optimal mode against
LEMON's network simplex (C++, built here when Debian's liblemon-dev and g++ are installed) as
ratio= (time) and memory_ratio=; then live recommendations at a 10,500-seeker fair.
  --sizes LIST          seekers x openings per instance, comma-separated
  --highs-limit S       time limit of the HiGHS reference LP, in seconds
  --no-recommend        skip the live-recommendation figures
  --write-instance PATH write one generated instance file (--size SxO) and stop`,
  options: {
    sizes: { type: 'string', default: '1000x100,10000x1000,100000x10000' },
    'highs-limit': { type: 'string', default: '120' },
    'no-recommend': { type: 'boolean' },
    'write-instance': { type: 'string' },
    size: { type: 'string', default: '1000x100' },
    // Internal: how the parent runs one measurement in a fresh process.
    child: { type: 'boolean' },
    fair: { type: 'boolean' },
  },
  positionals: true,
});
const peakMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const parseSize = (s: string): [number, number] => {
  const m = /^(\d+)x(\d+)$/.exec(s);
  if (!m) throw new Error(`size must look like 1000x100, got ${s}`);
  return [Number(m[1]), Number(m[2])];
};

const ROOT = resolve(__dirname, '..', '..');
const LEMON_SOURCE = join(ROOT, 'tools', 'reference', 'lemon-optimal.cpp');
const LEMON_BINARY = join(ROOT, '.local', 'bench', 'lemon-optimal');

/** The LEMON reference, compiled once (again when its source changed); why not, when it cannot be. */
function lemonBinary(): { path: string } | { missing: string } {
  if (!existsSync('/usr/include/lemon/network_simplex.h')) return { missing: 'skipped=not-installed (apt-get install liblemon-dev g++)' };
  if (existsSync(LEMON_BINARY) && statSync(LEMON_BINARY).mtimeMs >= statSync(LEMON_SOURCE).mtimeMs) return { path: LEMON_BINARY };
  mkdirSync(join(ROOT, '.local', 'bench'), { recursive: true });
  const built = spawnSync('g++', ['-O2', '-std=c++17', '-o', LEMON_BINARY, LEMON_SOURCE], { encoding: 'utf8' });
  if (built.status !== 0) return { missing: `skipped=build-failed (${(built.stderr || built.error?.message || '').split('\n')[0]})` };
  return { path: LEMON_BINARY };
}

/** LEMON's network simplex on the instance, through an instance file; its own line of figures. */
function lemonRun(inst: MatchingInstance): string {
  const binary = lemonBinary();
  if ('missing' in binary) return binary.missing;
  const dir = mkdtempSync(join(tmpdir(), 'bench-lemon-'));
  try {
    const file = join(dir, 'instance.txt');
    writeInstanceFile(file, inst);
    const ran = spawnSync(binary.path, [file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return ran.status === 0 ? ran.stdout.trim() : `skipped=error (${(ran.stderr || String(ran.signal)).trim().split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A shortlist's first layer as the Solution, and its alternates' layers. */
type Shortlisted = Solution & { alternates: Int32Array[] };
type Runner = { mode: string; solver: string; maxSeekers: number; run: (inst: MatchingInstance) => Solution | Shortlisted | string };

/** EPS's ratio: about 3 candidates per vacancy, each seeker on one list. */
const SHORTLIST = { ratio: 3, perSeeker: 1 };

function shortlisted(inst: MatchingInstance): Shortlisted {
  const first = solveOptimal(inst);
  return { ...first, alternates: alternateLayers(inst, first.pairs, SHORTLIST, solveOptimal) };
}

/** The alternates' figures: how many, and whether every layer keeps every limit. */
function alternatesOf(inst: MatchingInstance, out: Solution | Shortlisted): string {
  if (!('alternates' in out)) return '';
  const entries = out.alternates.reduce((n, layer) => n + layer.length, 0);
  const infeasible = out.alternates.reduce((n, layer) => n + checkSolution(inst, layer).length, 0);
  return ` layers=${1 + out.alternates.length} alternates=${entries} layers_feasible=${infeasible ? `no (${infeasible})` : 'yes'}`;
}

async function highsRunner(limitSeconds: number): Promise<(inst: MatchingInstance) => Solution | string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when the HiGHS reference is asked for
  const loader = require('highs');
  const highs = await loader();
  return (inst) => {
    // LP: one column per pair (0..1); rows: seekers (<= 1), opening totals, first-time and returning
    // quotas. The matrix is two laminar families of rows, so it is totally unimodular and the simplex
    // optimum is an integral matching: an exact reference.
    const S = inst.seekerCount;
    const O = inst.openingCount;
    const P = inst.pairCount;
    const rows = S + 3 * O;
    const starts = new Int32Array(P + 1);
    const indices = new Int32Array(3 * P);
    const values = new Float64Array(3 * P).fill(1);
    const cost = new Float64Array(P);
    for (let k = 0; k < P; k++) {
      starts[k + 1] = 3 * k + 3;
      const o = inst.pairOpening[k];
      indices[3 * k] = inst.pairSeeker[k];
      indices[3 * k + 1] = S + o;
      indices[3 * k + 2] = S + O + 2 * o + inst.pairClass[k];
      cost[k] = inst.pairScore[k];
    }
    const rowUpper = new Float64Array(rows);
    rowUpper.fill(1, 0, S);
    for (let o = 0; o < O; o++) {
      rowUpper[S + o] = Math.max(0, inst.positions[o]);
      rowUpper[S + O + 2 * o] = Math.max(0, inst.firstTimeCap[o]);
      rowUpper[S + O + 2 * o + 1] = Math.max(0, inst.returningCap[o]);
    }
    const model = highs.createModel({
      numCols: P,
      numRows: rows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: cost,
      colLower: new Float64Array(P),
      colUpper: new Float64Array(P).fill(1),
      rowLower: new Float64Array(rows).fill(-highs.infinity),
      rowUpper,
      matrix: { format: 'csc', numRows: rows, numCols: P, starts, indices, values },
    });
    try {
      model.options.set({ output_flag: false, time_limit: limitSeconds, solver: 'simplex' });
      model.run();
      const status = model.getModelStatus();
      if (status === highs.constants.modelStatus.timeLimit) return `skipped=too-slow limit=${limitSeconds}s`;
      if (status !== highs.constants.modelStatus.optimal) return `skipped=error status=${status}`;
      const x: Float64Array = model.getSolution().colValue;
      const chosen: number[] = [];
      let total = 0;
      for (let k = 0; k < P; k++)
        if (x[k] > 0.5) {
          chosen.push(k);
          total += inst.pairScore[k];
        }
      return { pairs: Int32Array.from(chosen), totalScore: total };
    } finally {
      model.dispose();
    }
  };
}

async function child(size: string, index: number, limit: number): Promise<void> {
  const [S, O] = parseSize(size);
  const runners: Runner[] = [
    { mode: 'optimal', solver: 'project', maxSeekers: Infinity, run: solveOptimal },
    { mode: 'optimal', solver: 'project-ssp', maxSeekers: 20000, run: solveOptimalSsp },
    { mode: 'stable', solver: 'project', maxSeekers: Infinity, run: solveStable },
    { mode: 'greedy', solver: 'baseline', maxSeekers: Infinity, run: greedyBaseline },
    { mode: 'optimal', solver: 'highs', maxSeekers: Infinity, run: () => 'unused' },
    { mode: 'optimal', solver: 'lemon', maxSeekers: Infinity, run: () => 'unused' },
    { mode: `shortlist-${SHORTLIST.ratio}x`, solver: 'project', maxSeekers: Infinity, run: shortlisted },
  ];
  const r = runners[index];
  const head = `size=${S}x${O} mode=${r.mode} solver=${r.solver}`;
  if (S > r.maxSeekers) {
    console.log(`${head} skipped=too-slow (successive shortest paths; the auction is the project's solver at this size)`);
    return;
  }
  const inst = generateInstance(S, O);
  if (r.solver === 'lemon') {
    // Times itself (the solve, not reading the file) and reports its own process's peak memory.
    console.log(`${head} ${lemonRun(inst)}`);
    return;
  }
  const run = r.solver === 'highs' ? await highsRunner(limit) : r.run;
  const t0 = process.hrtime.bigint();
  let out: Solution | Shortlisted | string;
  try {
    out = run(inst);
  } catch (e) {
    out = `skipped=error (${String((e as Error).message ?? e)
      .slice(0, 80)
      .replace(/\s+/g, ' ')})`;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (typeof out === 'string') {
    console.log(`${head} seconds=${seconds.toFixed(2)} peakMiB=${peakMiB()} ${out}`);
    return;
  }
  const bad = checkSolution(inst, out.pairs);
  console.log(
    `${head} seconds=${seconds.toFixed(2)} peakMiB=${peakMiB()} score=${(out.totalScore / 100).toFixed(1)}` +
      ` matched=${out.pairs.length} pairs=${inst.pairCount} total=${out.totalScore}${bad.length ? ` INFEASIBLE=${bad.length}` : ''}` +
      alternatesOf(inst, out),
  );
}

function fairBench(): void {
  // A 10,500-seeker fair with 1,000 openings: the full pipeline once, then 1,000 check-ins.
  const { seekers, openings } = generateFair(10500, 1000);
  let t0 = process.hrtime.bigint();
  const res = runMatching({ seekers, openings, mode: 'optimal' });
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `size=10500x1000 mode=optimal solver=pipeline seconds=${sec.toFixed(2)} peakMiB=${peakMiB()} score=${res.summary.totalScore.toFixed(1)}` +
      ` matched=${res.summary.matched} pairs=${res.summary.eligiblePairs} designated=${res.summary.designated}`,
  );
  whatIfBench({ seekers, openings, mode: 'optimal', weights: resolvedWeights() }, res);
  const idx = buildOpeningIndex(openings);
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const s = seekers[(i * 10) % seekers.length];
    t0 = process.hrtime.bigint();
    recommend(s, idx, undefined, 10);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const q = (p: number): string => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  console.log(`bench=recommend p50ms=${q(0.5)} p99ms=${q(0.99)} checkins=1000 openings=1000 seekers=10500`);
}

/** What-ifs as the matcher answers them: the run's settings and the changed ones, both solved, side by side. */
function whatIfBench(run: RecordedRun, current: MatchingRunResult): void {
  const withQuota = run.openings.find((o) => o.quotas)!;
  const tries: [string, WhatIfChanges][] = [
    ['household=60', { weights: { household: 60 } }],
    ['positions+5', { openings: [{ openingId: run.openings[0].id, positions: run.openings[0].positions + 5 }] }],
    [
      'quota-swap',
      {
        openings: [{ openingId: withQuota.id, quotas: { firstTime: withQuota.quotas!.returning, returning: withQuota.quotas!.firstTime } }],
      },
    ],
  ];
  for (const [name, changes] of tries) {
    const t0 = process.hrtime.bigint();
    const baseline = runMatching(run);
    const changed = withChanges(run, changes);
    const comparison = compareWhatIf({ run, result: baseline }, { run: changed, result: runMatching(changed) }, MAX_LISTED_CHANGES);
    const sec = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(
      `bench=what-if change=${name} seconds=${sec.toFixed(2)} matched=${comparison.current.matched}->${comparison.whatIf.matched}` +
        ` priority=${comparison.current.priorityHouseholds.matched}->${comparison.whatIf.priorityHouseholds.matched} changed=${comparison.changed}` +
        ` same_baseline=${comparison.current.matched === current.summary.matched ? 'yes' : 'no'}`,
    );
  }
}

/** `key=value` figures of a benchmark line. */
function figuresOf(line: string): Record<string, string> {
  return Object.fromEntries([...line.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
}

/** The project's optimal mode against the reference: time and memory ratios (below 1: the project is faster, smaller). */
function versusReference(project: Record<string, string>, reference: Record<string, string>): string | undefined {
  if (!project.seconds || !reference.seconds || !project.total || !reference.total) return undefined;
  const ratio = (a: string, b: string) => (Number(a) / Math.max(Number(b), 0.01)).toFixed(2);
  return (
    `ratio=${ratio(project.seconds, reference.seconds)} memory_ratio=${ratio(project.peakMiB, reference.peakMiB)}` +
    ` same_optimum=${project.total === reference.total ? 'yes' : `no (${project.total} vs ${reference.total})`}`
  );
}

async function main(): Promise<void> {
  if (values.child) return child(positionals[0], Number(positionals[1]), Number(positionals[2]));
  if (values.fair) return fairBench();
  const write = values['write-instance'] as string | undefined;
  if (write) {
    const [S, O] = parseSize(String(values.size));
    const inst = generateInstance(S, O);
    writeInstanceFile(write, inst);
    console.log(`wrote ${write}: size=${S}x${O} pairs=${inst.pairCount}`);
    return;
  }
  const sizes = String(values.sizes).split(',');
  const limit = Number(values['highs-limit']);
  const rerun = (extra: string[]): string => {
    const r = spawnSync(process.execPath, [...process.execArgv, __filename, ...extra], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    process.stdout.write(r.stdout);
    if (r.status !== 0) console.log(`(child ${extra.join(' ')} exited with ${r.status ?? r.signal})`);
    return r.stdout;
  };
  for (const size of sizes) {
    const lines = [0, 1, 2, 3, 4, 5, 6].map((i) => rerun(['--child', size, String(i), String(limit)]));
    const comparison = versusReference(figuresOf(lines[0]), figuresOf(lines[5]));
    if (comparison) console.log(`size=${size} mode=optimal reference=lemon-network-simplex ${comparison}`);
  }
  if (!values['no-recommend']) rerun(['--fair']);
}

main().catch((e) => {
  console.error(`bench-matching: ${(e as Error).message ?? e}`);
  process.exit(1);
});
