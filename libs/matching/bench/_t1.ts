import { generateInstance } from './generate';
import { solveOptimal } from '../src/auction';
import { solveOptimalSsp } from '../src/optimal';
import { checkSolution } from '../src/instance';
const sizes = process.argv.slice(2).map((x) => x.split('x').map(Number));
for (const [S, O] of sizes) {
  const inst = generateInstance(S, O);
  for (const [name, f] of [['auction', solveOptimal], ['ssp', solveOptimalSsp]] as const) {
    if (name === 'ssp' && S > 20000) continue;
    const t = process.hrtime.bigint();
    const sol = f(inst);
    const sec = Number(process.hrtime.bigint() - t) / 1e9;
    console.log(name, S, O, inst.pairCount, sec.toFixed(2), sol.totalScore, sol.pairs.length, checkSolution(inst, sol.pairs).length, Math.round(process.memoryUsage().rss / 2 ** 20));
  }
}
