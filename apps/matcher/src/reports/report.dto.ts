import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_YEAR, MIN_YEAR } from '../plans/plan.dto';

export const SUMMARY_GROUPS = ['market', 'sector', 'province'] as const;
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];

export class SummaryQuery {
  @ApiProperty({ minimum: MIN_YEAR, maximum: MAX_YEAR, description: 'placements hired in this year' })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;

  @ApiPropertyOptional({
    enum: SUMMARY_GROUPS,
    default: 'market',
    description: "market = destination country (VN = domestic); sector = the opening's; province = the seeker's home province",
  })
  @IsOptional()
  @IsIn(SUMMARY_GROUPS)
  by: SummaryGroup = 'market';
}

/** Placements by their current status; `placed` is every one not cancelled. */
export class StatusCounts {
  @ApiProperty() hired!: number;
  @ApiProperty() departed!: number;
  @ApiProperty() returned!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ description: 'hired + departed + returned' }) placed!: number;
}

export class SummaryRow extends StatusCounts {
  @ApiProperty({ description: 'the market, sector or province' }) key!: string;
  @ApiPropertyOptional({ description: "by=market: the year's plan target, summed over centres (absent without a plan)" })
  target?: number;
  @ApiPropertyOptional({ description: 'by=market: placed / target in percent, one decimal (absent without a plan)' })
  percentOfPlan?: number;
}

export class SummaryReport {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: SUMMARY_GROUPS }) by!: SummaryGroup;
  @ApiProperty({ type: [SummaryRow], description: 'sorted by key' }) rows!: SummaryRow[];
  @ApiProperty({ type: SummaryRow, description: 'key "total"; by=market with the sum of all targets' }) total!: SummaryRow;
}

/** A fair's matches: `approved` counts those since hired too; `awaitingReview` the ones still proposed. */
export class FairMatchCounts {
  @ApiProperty({ description: 'every match proposed at the fair' }) proposed!: number;
  @ApiProperty() approved!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() awaitingReview!: number;
}

export class GroupCounts extends StatusCounts {
  @ApiProperty() key!: string;
}

export class FairReport {
  @ApiProperty() fairId!: string;
  @ApiProperty({ type: FairMatchCounts }) matches!: FairMatchCounts;
  @ApiProperty({ type: StatusCounts }) placements!: StatusCounts;
  @ApiProperty({ type: [GroupCounts] }) byMarket!: GroupCounts[];
  @ApiProperty({ type: [GroupCounts] }) bySector!: GroupCounts[];
}
