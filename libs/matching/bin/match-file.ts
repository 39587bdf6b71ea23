/**
 * Solves a plain-text instance file (format in DESIGN.md, "Instance files"; reader in
 * bench/instance-file.ts) and writes the chosen pairs, one `<seeker> <opening>` per line.
 *
 *   npm run -s match:file -- <instance.txt> <solution.txt> [--mode optimal|stable|greedy]
 */
import { solveOptimal } from '../src/auction';
import { greedyBaseline } from '../src/greedy';
import { checkSolution } from '../src/instance';
import { solveStable } from '../src/stable';
import { LineWriter, readInstanceFile } from '../bench/instance-file';

function main(): number {
  const args = process.argv.slice(2);
  const mi = args.indexOf('--mode');
  const mode = mi >= 0 ? args[mi + 1] : 'optimal';
  const files = args.filter((a, i) => !a.startsWith('--') && (mi < 0 || i !== mi + 1));
  if (files.length !== 2 || !['optimal', 'stable', 'greedy'].includes(mode)) {
    process.stderr.write('usage: match-file <instance.txt> <solution.txt> [--mode optimal|stable|greedy]\n');
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
