import { Expose, Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CentreServiceConfig, ServiceSpec, toInt } from '@jobfair/platform';
import { MAX_SHORTLISTS_PER_SEEKER, Topics, defaultPort } from '@jobfair/contracts';

export class MatcherConfig extends CentreServiceConfig {
  /**
   * How long a fair's booths and open openings are reused for recommendations before
   * they are read again (the fair and opening events this process applies clear them at once).
   */
  @Expose({ name: 'RECOMMENDATION_CACHE_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  recommendationCacheMs = 1000;

  /**
   * While a request waits for a check-in's recommendations (`waitMs`), when it first looks in the
   * database again (then after twice as long each time): this process wakes it at once, another
   * instance's computation is seen this late at first.
   */
  @Expose({ name: 'RECOMMENDATION_RECHECK_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(10000)
  recommendationRecheckMs = 250;

  /** How often seats and seeker commitments are brought back to the placements (also once at start-up). */
  @Expose({ name: 'RECONCILE_INTERVAL_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  reconcileIntervalMs = 30_000;

  /**
   * How long an undo of a hire's holdings stays the claim of the instance doing it (the hire
   * that was refused, or a reconciler): no other instance touches them meanwhile, and one that
   * finds the claim run out (its instance crashed or hung) takes it over. Far above the few
   * writes an undo takes.
   */
  @Expose({ name: 'HIRE_CLAIM_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  hireClaimMs = 30_000;

  /**
   * How long a matching run stays this process's without a renewal (renewed every third of it
   * while queued or running): after a crash, another instance or the restarted one fails the run
   * once it has run out, never before.
   */
  @Expose({ name: 'RUN_LEASE_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(3000)
  @Max(600_000)
  runLeaseMs = 30_000;

  /**
   * Shortlists one seeker may be on in a shortlist run that does not say (a one-to-one run
   * puts everyone on one): a small number, so that a worker chosen at one opening may still
   * be an alternate at another.
   */
  @Expose({ name: 'SHORTLISTS_PER_SEEKER' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_SHORTLISTS_PER_SEEKER)
  shortlistsPerSeeker = 2;
}

export const MATCHER_SERVICE: ServiceSpec<MatcherConfig> = {
  name: 'matcher',
  title: 'Matcher service: matching runs, recommendations, review, placements and reports',
  config: MatcherConfig,
  defaults: { PORT: String(defaultPort('matcher')) },
  consumes: [Topics.opening, Topics.seeker, Topics.seekerKey, Topics.fair, Topics.attendance],
  produces: [Topics.matchingRun, Topics.match, Topics.placement],
};
