import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { DROP_KINDS, DropKind, FUNNEL_STEPS, FunnelStep } from '@jobfair/matching';

/** The funnel's groups: the opening's market (destination) or sector, the seeker's home province or household priority group. */
export const FUNNEL_GROUPS = ['market', 'sector', 'province', 'household'] as const;
export type FunnelGroup = (typeof FUNNEL_GROUPS)[number];

/** The group of people it cannot place: never matched (market, sector), or no longer known (erased: province, household). */
export const NO_GROUP = '-';

/** The longest id a fair has (a UUID is 36 characters), with room. */
const MAX_ID_LENGTH = 100;

export class FunnelQuery {
  @ApiPropertyOptional({ description: 'one fair; without it, every fair that starts in the period', minLength: 1 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ID_LENGTH)
  fairId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'fairs that start at or after this instant (a date: its start, UTC)' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'fairs that start before this instant' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({
    enum: FUNNEL_GROUPS,
    description:
      "also one funnel per group: market (destination country, VN = domestic) or sector of the opening a person came furthest with (`-`: never matched); the seeker's home province; household priority group (`none` for no priority; staff and admins only, as every report)",
  })
  @IsOptional()
  @IsIn(FUNNEL_GROUPS)
  by?: FunnelGroup;
}

export class FunnelDropReason {
  @ApiProperty({ enum: DROP_KINDS }) kind!: DropKind;
  @ApiProperty({
    description:
      "absent: `no-show`; ineligible: the matching library's reason code; rejected and cancelled: the reviewer's or recorder's words (`unstated` when none); pending: `unlisted`, `awaiting-review`, `awaiting-hire`, `awaiting-departure`, `abroad`",
  })
  reason!: string;
  @ApiProperty() count!: number;
}

export class FunnelStepCount {
  @ApiProperty({ enum: FUNNEL_STEPS }) step!: FunnelStep;
  @ApiProperty({ description: 'people who came this far' }) reached!: number;
  @ApiProperty({ description: 'people whose first step this is (walk-ins at checkedIn)' }) joined!: number;
  @ApiProperty({ description: 'people who went no further; reached of the next step = reached - dropped + its joined' }) dropped!: number;
  @ApiProperty({
    type: [FunnelDropReason],
    description: 'why, most first: each person dropped once, except under ineligible, once per reason code that held them back',
  })
  reasons!: FunnelDropReason[];
}

export class FunnelGroupSteps {
  @ApiProperty({ description: 'the market, sector, province or household group; `-` for none' }) key!: string;
  @ApiProperty({ type: [FunnelStepCount] }) steps!: FunnelStepCount[];
}

export class FunnelReport {
  @ApiPropertyOptional() fairId?: string;
  @ApiPropertyOptional() from?: string;
  @ApiPropertyOptional() to?: string;
  @ApiPropertyOptional({ enum: FUNNEL_GROUPS }) by?: FunnelGroup;
  @ApiProperty({ description: 'the fairs counted' }) fairs!: number;
  @ApiProperty({ description: 'matches proposed at them (a person may have several): as the fair statistics count matches' })
  matches!: number;
  @ApiProperty({ description: 'placements standing (not cancelled): as the fair statistics count placements' }) placements!: number;
  @ApiProperty({ type: [FunnelStepCount], description: 'registered -> checkedIn -> matched -> approved -> hired -> departed -> returned' })
  steps!: FunnelStepCount[];
  @ApiPropertyOptional({ type: [FunnelGroupSteps], description: 'with `by`: one funnel per group, sorted by key; they add up to `steps`' })
  groups?: FunnelGroupSteps[];
}
