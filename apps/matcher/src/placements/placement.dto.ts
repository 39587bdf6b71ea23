import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CANCEL_REASONS, CancelReason, PLACEMENT_STATUSES, PlacementStatus, QUOTA_CLASSES, QuotaClass } from '@jobfair/contracts';
import { PageQuery } from '@jobfair/platform';
import { LATER_STATUSES, LaterStatus } from './placement-rules';

export class HireDto {
  @ApiProperty({ description: 'an approved match' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  matchId!: string;

  @ApiPropertyOptional({ description: 'when the worker was hired (default now); its year is the report year' })
  @IsOptional()
  @IsISO8601()
  at?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ChangePlacementStatusDto {
  @ApiProperty({ enum: LATER_STATUSES, description: 'hired -> departed -> returned; hired or departed -> cancelled (frees the seat)' })
  @IsIn(LATER_STATUSES)
  status!: LaterStatus;

  @ApiPropertyOptional({ description: 'when it happened (default now); not before the previous step' })
  @IsOptional()
  @IsISO8601()
  at?: string;

  @ApiPropertyOptional({ description: 'e.g. work and residence situation abroad, a dispute' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({
    enum: CANCEL_REASONS,
    description: 'cancelled only: why; medical, visa and withdrew move the next alternate of the shortlist up',
  })
  @IsOptional()
  @IsIn(CANCEL_REASONS)
  reason?: CancelReason;
}

export class ListPlacementsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) openingId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) seekerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) fairId?: string;
  @ApiPropertyOptional({ enum: PLACEMENT_STATUSES }) @IsOptional() @IsIn(PLACEMENT_STATUSES) status?: PlacementStatus;
}

export class StatusChangeView {
  @ApiProperty({ enum: PLACEMENT_STATUSES }) status!: PlacementStatus;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ description: 'username of who recorded it' }) by!: string;
}

/** A placement as the API shows it (the seeker's home province stays in reports). */
export class PlacementView {
  @ApiProperty({ description: 'the id of the match it came from' }) id!: string;
  @ApiProperty() matchId!: string;
  @ApiProperty() seekerId!: string;
  @ApiProperty() openingId!: string;
  @ApiProperty() employerId!: string;
  @ApiPropertyOptional() fairId?: string;
  @ApiProperty({ enum: QUOTA_CLASSES }) quotaClass!: QuotaClass;
  @ApiProperty({ enum: PLACEMENT_STATUSES }) status!: PlacementStatus;
  @ApiProperty({ description: 'when the current status began' }) at!: string;
  @ApiProperty() hiredAt!: string;
  @ApiProperty({ description: 'destination country, ISO alpha-2 (VN = domestic)' }) market!: string;
  @ApiProperty() sector!: string;
  @ApiProperty({ type: [StatusChangeView] }) history!: StatusChangeView[];
  @ApiPropertyOptional({ enum: CANCEL_REASONS, description: 'centre staff only: why it was cancelled' })
  cancelReason?: CancelReason;
  @ApiPropertyOptional({
    enum: ['owed', 'done', 'none'],
    description: "a failed worker's place: an alternate moving up (owed), moved up (done, matchId), or none left",
  })
  promotion?: 'owed' | 'done' | 'none';
  @ApiPropertyOptional({ description: 'the alternate that moved up in this placement’s place' })
  promotedMatchId?: string;
}
