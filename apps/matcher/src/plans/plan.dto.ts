import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsISO31661Alpha2, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@jobfair/platform';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Far above any centre's annual plan (Vietnam sent about 158,000 workers abroad in 2024). */
export const MAX_TARGET = 1_000_000;

const upperCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

export class SetPlanDto {
  @ApiProperty({ example: 'Thanh Hoa Employment Service Center' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  centre!: string;

  @ApiProperty({ minimum: MIN_YEAR, maximum: MAX_YEAR })
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;

  @ApiProperty({ description: 'destination country, ISO 3166-1 alpha-2 (VN = domestic)', example: 'KR' })
  @Transform(upperCase)
  @IsISO31661Alpha2()
  market!: string;

  @ApiProperty({ minimum: 0, maximum: MAX_TARGET })
  @IsInt()
  @Min(0)
  @Max(MAX_TARGET)
  target!: number;
}

export class ListPlansQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_YEAR) @Max(MAX_YEAR) year?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) centre?: string;
}

export class PlanView {
  @ApiProperty() id!: string;
  @ApiProperty() centre!: string;
  @ApiProperty() year!: number;
  @ApiProperty() market!: string;
  @ApiProperty() target!: number;
}
