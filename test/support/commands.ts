import { spawn } from 'child_process';
import * as path from 'path';

/** The checkout the tests run from: commands are run where people run them. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

export interface Finished {
  code: number | null;
  /** Both streams, in the order they came. */
  output: string;
}

/** Runs a command from the repository root with exactly `env`, and collects what it printed. */
export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPOSITORY_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
