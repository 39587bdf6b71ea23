/** One topic per aggregate type: `<service>.<aggregate>.v<major>` (DESIGN.md, Events). */
export const Topics = {
  employer: 'employers.employer.v1',
  opening: 'employers.opening.v1',
  /** v2: the personal fields travel sealed (crypto-erasure); v1 carried them in clear. */
  seeker: 'seekers.seeker.v2',
  /** Compacted: each seeker's data key (wrapped), then its shredding; readers open seeker events with it. */
  seekerKey: 'seekers.seeker-key.v1',
  fair: 'fairs.fair.v1',
  /** v2: a walk-in request's registration travels sealed under the walk-in's own key. */
  attendance: 'fairs.attendance.v2',
  /** Compacted: each walk-in request's data key (wrapped), shredded once the request is answered. */
  walkInKey: 'fairs.walk-in-key.v1',
  matchingRun: 'matching.run.v1',
  match: 'matching.match.v1',
  placement: 'matching.placement.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/**
 * The key topics of crypto-erasure: compacted, so that once a subject's key is shredded Kafka
 * removes the key itself within a bounded time (KEY_TOPIC_CONFIG), and their dead-letter
 * topics keep nothing longer than that.
 */
export const KEY_TOPICS: readonly Topic[] = [Topics.seekerKey, Topics.walkInKey];

/**
 * Topic settings of a key topic. A record is cleanable once its segment is closed: segments
 * roll after `segment.ms` (on the next append), and `max.compaction.lag.ms` makes the cleaner
 * compact a closed segment by then, so a shredded key is gone from the log within about
 * 2 x 10 minutes of its shredding (README, Erasure). The shredding record itself (no key,
 * only the subject's id) stays as the subject's last word: a reader that starts from the
 * beginning learns the erasure from it.
 */
export const KEY_TOPIC_CONFIG: Readonly<Record<string, string>> = {
  'cleanup.policy': 'compact',
  'segment.ms': String(10 * 60_000),
  'max.compaction.lag.ms': String(10 * 60_000),
  'min.cleanable.dirty.ratio': '0.01',
};

/** A key topic's dead letters are deleted, not compacted, after the same bound: a wrapped key never lingers there. */
export const KEY_DEAD_LETTER_CONFIG: Readonly<Record<string, string>> = {
  'cleanup.policy': 'delete',
  'segment.ms': String(10 * 60_000),
  'retention.ms': String(10 * 60_000),
};

/** Poison messages go to `<topic>.dlt` with their reason, and can be replayed from there. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlt`;
}
