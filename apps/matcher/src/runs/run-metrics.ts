import { Histogram } from 'prom-client';

/** Runs from a handful of people to a province's roster. */
const SIZE_BUCKETS = [10, 100, 1000, 10000, 100000, 1000000];

export const runDuration = new Histogram({
  name: 'matching_run_duration_seconds',
  help: 'Matching runs from start to their end (completed or failed), by mode and outcome',
  labelNames: ['mode', 'outcome'] as const,
  buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

export const runSeekers = new Histogram({
  name: 'matching_run_seekers',
  help: 'Seekers considered by a matching run',
  labelNames: ['mode'] as const,
  buckets: SIZE_BUCKETS,
});

export const runOpenings = new Histogram({
  name: 'matching_run_openings',
  help: 'Openings considered by a matching run',
  labelNames: ['mode'] as const,
  buckets: SIZE_BUCKETS,
});
