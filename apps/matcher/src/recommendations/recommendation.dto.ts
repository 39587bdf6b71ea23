import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Recommendations kept per seeker and fair: the most a caller may ask for. */
export const MAX_RECOMMENDATIONS = 20;
export const DEFAULT_RECOMMENDATIONS = 10;
/** The longest a caller may wait for a fresh check-in's recommendations: well below the gateway's proxy timeout. */
export const MAX_RECOMMENDATION_WAIT_MS = 5_000;

export class RecommendationsQuery {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  seekerId!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RECOMMENDATIONS, default: DEFAULT_RECOMMENDATIONS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_RECOMMENDATIONS)
  limit?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_RECOMMENDATION_WAIT_MS,
    default: 0,
    description: 'wait up to this long (ms) for the recommendations of a check-in not applied yet, instead of answering 404 at once',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_RECOMMENDATION_WAIT_MS)
  waitMs?: number;
}
