import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Recommendations kept per seeker and fair: the most a caller may ask for. */
export const MAX_RECOMMENDATIONS = 20;
export const DEFAULT_RECOMMENDATIONS = 10;

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
}
