import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MATCH_STATUSES, MatchStatus } from '@jobfair/contracts';
import { PageQuery } from '@jobfair/platform';

export const ALTERNATES_FILTER = ['exclude', 'include', 'only'] as const;

export class ListMatchesQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) runId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) fairId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) openingId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) seekerId?: string;
  @ApiPropertyOptional({ enum: MATCH_STATUSES }) @IsOptional() @IsIn(MATCH_STATUSES) status?: MatchStatus;

  @ApiPropertyOptional({
    enum: ALTERNATES_FILTER,
    default: 'exclude',
    description: "shortlist runs' alternates still waiting: left out (the review queue), included (an opening's whole list), or only them",
  })
  @IsOptional()
  @IsIn(ALTERNATES_FILTER)
  alternates?: (typeof ALTERNATES_FILTER)[number];
}

export class RejectMatchDto {
  @ApiProperty({ maxLength: 500, example: 'medical check expired' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
