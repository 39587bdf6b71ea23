import { join } from 'path';
import { Worker } from 'worker_threads';
import type { MatchingRunInput, MatchingRunResult } from '@jobfair/matching';

export const PROGRESS_STEP = 5;
export const PROGRESS_INTERVAL_MS = 1000;

export type WorkerMessage = { progress: number } | { result: MatchingRunResult };

/**
 * One matching run in a worker thread of this process (matching.worker.ts). The worker
 * inherits the process's `-r` preloads, so `@jobfair/*` imports resolve as in the service.
 */
export function runMatchingInWorker(
  input: Omit<MatchingRunInput, 'onProgress'>,
  onProgress: (percent: number) => void,
): Promise<MatchingRunResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'matching.worker.js'), { workerData: input });
    worker.on('message', (message: WorkerMessage) => ('result' in message ? resolve(message.result) : onProgress(message.progress)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the matching worker stopped (exit code ${code}) before it answered`)));
  });
}
