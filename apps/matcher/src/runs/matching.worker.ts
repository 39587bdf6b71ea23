import { parentPort, workerData } from 'worker_threads';
import { MatchingRunInput, runMatching } from '@jobfair/matching';
import { PROGRESS_INTERVAL_MS, PROGRESS_STEP, WorkerMessage } from './matching-worker';

/**
 * Runs libs/matching off the main thread (it is synchronous and CPU-bound), so the
 * service keeps answering HTTP and heartbeating Kafka during a long run. Progress is
 * reported every few percent or once a second, not per item.
 */
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
let lastPercent = -PROGRESS_STEP;
let lastAt = 0;
const result = runMatching({
  ...(workerData as Omit<MatchingRunInput, 'onProgress'>),
  onProgress: (percent) => {
    const now = Date.now();
    if (percent - lastPercent < PROGRESS_STEP && now - lastAt < PROGRESS_INTERVAL_MS) return;
    lastPercent = percent;
    lastAt = now;
    post({ progress: Math.floor(percent) });
  },
});
post({ result });
