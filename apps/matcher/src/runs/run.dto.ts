import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MATCHING_MODES, MATCHING_RUN_STATUSES, MatchingMode, MatchingRunStatus } from '@jobfair/contracts';
import { PageQuery } from '@jobfair/platform';
import type { ScoreWeights } from '@jobfair/matching';

const Weight = (description?: string) =>
  applyDecorators(ApiPropertyOptional({ minimum: 0, maximum: 100, description }), IsOptional(), IsNumber(), Min(0), Max(100));

/** Relative weights of the score parts; each one left out keeps its default (libs/matching DEFAULT_WEIGHTS). */
export class ScoreWeightsDto implements Partial<ScoreWeights> {
  @Weight() skills?: number;
  @Weight() language?: number;
  @Weight() experience?: number;
  @Weight() preference?: number;
  @Weight('domestic openings only') distance?: number;
  @Weight('overseas openings only') returning?: number;
  @Weight('priority for poor, near-poor, ethnic-minority and difficult households') household?: number;
}

export class StartRunDto {
  @ApiPropertyOptional({ description: "match this fair's checked-in seekers against its booths' openings; absent: the whole roster" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fairId?: string;

  @ApiProperty({ enum: MATCHING_MODES })
  @IsIn(MATCHING_MODES)
  mode!: MatchingMode;

  @ApiPropertyOptional({ type: ScoreWeightsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScoreWeightsDto)
  weights?: ScoreWeightsDto;
}

/** `GET /matching/runs`: newest first, paged; by fair and status. */
export class ListRunsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fairId?: string;

  @ApiPropertyOptional({ enum: MATCHING_RUN_STATUSES })
  @IsOptional()
  @IsIn(MATCHING_RUN_STATUSES)
  status?: MatchingRunStatus;
}
