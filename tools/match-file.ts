/**
 * Solves a plain-text instance file (format in DESIGN.md, "Instance files"; reader in
 * libs/matching/src/instance-file.ts) and writes the chosen pairs, one `<seeker> <opening>` per line.
 *
 *   npm run -s match:file -- <instance.txt> <solution.txt> [--mode optimal|stable|greedy]
 */
import { LineWriter, checkSolution, greedyBaseline, readInstanceFile, solveOptimal, solveStable } from '@jobfair/matching';
import { readCommandLine } from './command-line';

const MODES = ['optimal', 'stable', 'greedy'];
const USAGE = 'match-file <instance.txt> <solution.txt> [--mode optimal|stable|greedy]';

function main(): number {
  const { values, positionals: files } = readCommandLine({
    usage: USAGE,
    description: `
Solves an instance file (DESIGN.md, "Instance files") and writes one "<seeker> <opening>" line per chosen pair.
  --mode optimal   maximum total score (exact), the default
  --mode stable    seeker-proposing stable matching with quotas
  --mode greedy    the baseline, for comparison`,
    options: { mode: { type: 'string', default: 'optimal' } },
    positionals: true,
  });
  const mode = String(values.mode);
  if (files.length !== 2 || !MODES.includes(mode)) {
    process.stderr.write(`usage: ${USAGE}\n`);
    return 2;
  }
  const inst = readInstanceFile(files[0]);
  const t0 = process.hrtime.bigint();
  const sol = mode === 'optimal' ? solveOptimal(inst) : mode === 'stable' ? solveStable(inst) : greedyBaseline(inst);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const bad = checkSolution(inst, sol.pairs);
  if (bad.length) {
    process.stderr.write(`solution breaks ${bad.length} limits, e.g. ${bad[0]}\n`);
    return 1;
  }
  const w = new LineWriter(files[1]);
  for (const k of sol.pairs) w.line(`${inst.pairSeeker[k]} ${inst.pairOpening[k]}`);
  w.close();
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `size=${inst.seekerCount}x${inst.openingCount} mode=${mode} solver=project seconds=${seconds.toFixed(2)} peakMiB=${peak} score=${sol.totalScore} matched=${sol.pairs.length}`,
  );
  return 0;
}

process.exitCode = main();
