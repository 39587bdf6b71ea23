import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { solveOptimal } from './auction';
import { generateInstance } from './synthetic-instance';
import { readInstanceFile, writeInstanceFile } from './instance-file';

describe('instance files', () => {
  it('round-trips an instance and solves it to the same total', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'match-'));
    try {
      const inst = generateInstance(300, 30, 10, 9);
      const file = path.join(dir, 'i.txt');
      writeInstanceFile(file, inst);
      const back = readInstanceFile(file);
      expect(back.pairCount).toBe(inst.pairCount);
      expect(Array.from(back.pairScore)).toEqual(Array.from(inst.pairScore));
      expect(Array.from(back.pairClass)).toEqual(Array.from(inst.pairClass));
      expect(Array.from(back.returningCap)).toEqual(Array.from(inst.returningCap));
      expect(solveOptimal(back).totalScore).toBe(solveOptimal(inst).totalScore);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads comments, CRLF and rejects a short file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'match-'));
    try {
      const file = path.join(dir, 'i.txt');
      fs.writeFileSync(file, 'c tiny\r\np 2 1 2\r\no 1 1 0\r\ne 0 0 500 F\r\ne 1 0 700 R\r\n');
      const inst = readInstanceFile(file);
      expect(solveOptimal(inst).totalScore).toBe(500); // the returning quota is 0
      fs.writeFileSync(file, 'p 2 1 3\no 1 1 1\ne 0 0 5 F\n');
      expect(() => readInstanceFile(file)).toThrow(/3 pairs/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
