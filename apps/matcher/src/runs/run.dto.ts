import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MATCHING_MODES,
  MATCHING_RUN_STATUSES,
  MAX_POSITIONS,
  MAX_SHORTLISTS_PER_SEEKER,
  MAX_SHORTLIST_RATIO,
  MatchingMode,
  MatchingRunStatus,
  Quotas,
} from '@jobfair/contracts';
import { PageQuery } from '@jobfair/platform';
import type { OpeningChange, ScoreWeights, WhatIfChanges } from '@jobfair/matching';

/** Openings one what-if may change: a handful are tried at a time. */
export const MAX_WHAT_IF_OPENINGS = 100;

const ShortlistRatio = () =>
  applyDecorators(
    ApiPropertyOptional({
      minimum: 1,
      maximum: MAX_SHORTLIST_RATIO,
      description: 'candidates per seat: 3 proposes up to 3 x seats per opening, ranked (first choices, then alternates); 1 is one-to-one',
    }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(MAX_SHORTLIST_RATIO),
  );

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

  @ShortlistRatio()
  shortlistRatio?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_SHORTLISTS_PER_SEEKER,
    description: "shortlist runs: lists one seeker may be on (default the matcher's SHORTLISTS_PER_SEEKER)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SHORTLISTS_PER_SEEKER)
  shortlistsPerSeeker?: number;
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

/** One opening's settings in a what-if: its positions, its quotas (upper limits per class; positions stay unless given). */
export class OpeningChangeDto implements OpeningChange {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  openingId!: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_POSITIONS,
    description: 'positions in all (the seats open are positions - filled); 0 takes the opening out',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_POSITIONS)
  positions?: number;

  @ApiPropertyOptional({ type: Quotas })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => Quotas)
  quotas?: Quotas;
}

/** `POST /matching/runs/:id/what-if`: the run's inputs with these settings changed; the rest stay the run's. Nothing is stored. */
export class WhatIfDto implements WhatIfChanges {
  @ApiPropertyOptional({ enum: MATCHING_MODES })
  @IsOptional()
  @IsIn(MATCHING_MODES)
  mode?: MatchingMode;

  @ApiPropertyOptional({ type: ScoreWeightsDto, description: "weights changed from the run's (e.g. household priority)" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScoreWeightsDto)
  weights?: ScoreWeightsDto;

  @ApiPropertyOptional({ type: [OpeningChangeDto], maxItems: MAX_WHAT_IF_OPENINGS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_WHAT_IF_OPENINGS)
  @ValidateNested({ each: true })
  @Type(() => OpeningChangeDto)
  openings?: OpeningChangeDto[];

  @ShortlistRatio()
  shortlistRatio?: number;
}

/** `POST /matching/runs/:id/recompute`: optionally, one seeker whose outcome on that run is explained. */
export class RecomputeDto {
  @ApiPropertyOptional({
    description: "a seeker of the run: their match or the reasons they were not matched, as computed from the run's inputs",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  seekerId?: string;
}
