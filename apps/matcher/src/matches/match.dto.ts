import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MATCH_STATUSES, MatchStatus } from '@jobfair/contracts';
import { PageQuery } from '@jobfair/platform';

export class ListMatchesQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) runId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) fairId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) openingId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) seekerId?: string;
  @ApiPropertyOptional({ enum: MATCH_STATUSES }) @IsOptional() @IsIn(MATCH_STATUSES) status?: MatchStatus;
}

export class RejectMatchDto {
  @ApiProperty({ maxLength: 500, example: 'medical check expired' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
