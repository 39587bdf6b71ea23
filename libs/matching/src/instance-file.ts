import * as fs from 'fs';
import { FIRST_TIME, MatchingInstance, RETURNING, allocateInstance } from './instance';

/**
 * Plain-text instance files (DESIGN.md, "Instance files"): `p S O P`, O lines
 * `o <positions> <firstTimeQuota> <returningQuota>`, P lines `e <seeker> <opening> <score> <F|R>`.
 * Quotas are upper limits: F pairs <= firstTimeQuota, R pairs <= returningQuota, all <= positions
 * (an opening without a quota is written `o p p p`). Lines starting with `c` are comments.
 */

/** Streams the file in large chunks and parses bytes straight into typed arrays (no string per line). */
export function readInstanceFile(path: string): MatchingInstance {
  const fd = fs.openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 24);
  let inst: MatchingInstance | undefined;
  let oi = 0;
  let pi = 0;
  const nums = [0, 0, 0, 0];
  let nNum = 0;
  let inNum = false;
  let tag = 0; // first letter of the line
  let cls = -1;
  let lineNo = 1;
  const endLine = (): void => {
    if (tag === 0x70 /* p */) {
      const [S, O, P] = nums;
      inst = allocateInstance(S, O, P);
    } else if (tag === 0x6f /* o */) {
      if (!inst || oi >= inst.openingCount || nNum < 3) throw new Error(`line ${lineNo}: unexpected opening line`);
      inst.positions[oi] = nums[0];
      inst.firstTimeCap[oi] = nums[1];
      inst.returningCap[oi] = nums[2];
      oi++;
    } else if (tag === 0x65 /* e */) {
      if (!inst || pi >= inst.pairCount || nNum < 3 || cls < 0) throw new Error(`line ${lineNo}: bad pair line`);
      if (nums[0] >= inst.seekerCount || nums[1] >= inst.openingCount) throw new Error(`line ${lineNo}: index out of range`);
      inst.pairSeeker[pi] = nums[0];
      inst.pairOpening[pi] = nums[1];
      inst.pairScore[pi] = nums[2];
      inst.pairClass[pi] = cls;
      pi++;
    } else if (tag !== 0 && tag !== 0x63 /* c */) {
      throw new Error(`line ${lineNo}: unknown record '${String.fromCharCode(tag)}'`);
    }
    tag = 0;
    nNum = 0;
    cls = -1;
    inNum = false;
    lineNo++;
  };
  let neg = false;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    for (let i = 0; i < n; i++) {
      const ch = buf[i];
      if (ch >= 0x30 && ch <= 0x39) {
        if (tag === 0x63) continue;
        if (!inNum) {
          inNum = true;
          nums[nNum] = 0;
        }
        nums[nNum] = nums[nNum] * 10 + (ch - 0x30);
        continue;
      }
      if (inNum) {
        if (neg) nums[nNum] = -nums[nNum];
        inNum = false;
        neg = false;
        if (nNum < 3) nNum++;
      }
      if (ch === 0x0a) endLine();
      else if (ch === 0x2d) neg = true;
      else if (ch === 0x20 || ch === 0x09 || ch === 0x0d) continue;
      else if (tag === 0) tag = ch;
      else if (tag === 0x65 && (ch === 0x46 || ch === 0x52)) cls = ch === 0x52 ? RETURNING : FIRST_TIME;
      else if (tag !== 0x63) throw new Error(`line ${lineNo}: unexpected '${String.fromCharCode(ch)}'`);
    }
  }
  if (inNum) {
    if (neg) nums[nNum] = -nums[nNum];
    nNum++;
  }
  if (tag !== 0) endLine();
  fs.closeSync(fd);
  if (!inst) throw new Error('no header line `p S O P`');
  if (oi !== inst.openingCount || pi !== inst.pairCount) {
    throw new Error(`header announces ${inst.openingCount} openings and ${inst.pairCount} pairs, file has ${oi} and ${pi}`);
  }
  return inst;
}

/** Writes through a reused buffer, so millions of lines never become one huge string. */
export class LineWriter {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(path: string) {
    this.fd = fs.openSync(path, 'w');
  }
  line(s: string): void {
    this.parts.push(s);
    this.size += s.length + 1;
    if (this.size > 1 << 22) this.flush();
  }
  flush(): void {
    if (this.parts.length) fs.writeSync(this.fd, this.parts.join('\n') + '\n');
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

export function writeInstanceFile(path: string, inst: MatchingInstance): void {
  const w = new LineWriter(path);
  w.line(`p ${inst.seekerCount} ${inst.openingCount} ${inst.pairCount}`);
  for (let o = 0; o < inst.openingCount; o++) w.line(`o ${inst.positions[o]} ${inst.firstTimeCap[o]} ${inst.returningCap[o]}`);
  for (let k = 0; k < inst.pairCount; k++) {
    w.line(`e ${inst.pairSeeker[k]} ${inst.pairOpening[k]} ${inst.pairScore[k]} ${inst.pairClass[k] === RETURNING ? 'R' : 'F'}`);
  }
  w.close();
}
