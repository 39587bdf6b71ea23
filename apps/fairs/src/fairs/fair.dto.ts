import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { FAIR_KINDS, FAIR_STATUSES, FairKind, FairStatus, IsReadableName } from '@jobfair/contracts';
import { PageQuery } from '@jobfair/platform';

export class ScheduleFairDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsReadableName()
  name!: string;

  @ApiProperty({ enum: FAIR_KINDS, description: 'fixed (at the centre) or mobile (in districts and communes)' })
  @IsIn(FAIR_KINDS)
  kind!: FairKind;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  venue!: string;

  @ApiProperty({ example: '2026-09-12T08:00:00+07:00' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ example: '2026-09-12T17:00:00+07:00', description: 'after startsAt' })
  @IsISO8601({ strict: true })
  endsAt!: string;
}

export class ListFairsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FAIR_STATUSES }) @IsOptional() @IsIn(FAIR_STATUSES) status?: FairStatus;
  @ApiPropertyOptional({ enum: FAIR_KINDS }) @IsOptional() @IsIn(FAIR_KINDS) kind?: FairKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) province?: string;
}

export class SetUpBoothDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  employerId!: string;

  @ApiProperty({ type: [String], description: 'open openings of that employer' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  openingIds!: string[];
}
