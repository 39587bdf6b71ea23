/** One topic per aggregate type: `<service>.<aggregate>.v<major>` (DESIGN.md, Events). */
export const Topics = {
  employer: 'employers.employer.v1',
  opening: 'employers.opening.v1',
  seeker: 'seekers.seeker.v1',
  fair: 'fairs.fair.v1',
  attendance: 'fairs.attendance.v1',
  matchingRun: 'matching.run.v1',
  match: 'matching.match.v1',
  placement: 'matching.placement.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/** Poison messages go to `<topic>.dlt` with their reason, and can be replayed from there. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlt`;
}
