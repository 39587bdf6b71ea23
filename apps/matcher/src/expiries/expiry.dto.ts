import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PROGRAMMES, Programme } from '@jobfair/contracts';
import { DOCUMENT_KINDS, DocumentKind, EXPIRY_WINDOWS_DAYS, ExpiryWindowDays } from '@jobfair/matching';
import { PageQuery } from '@jobfair/platform';

/** The longest id a fair has (a UUID is 36 characters), with room. */
const MAX_ID_LENGTH = 100;

export class ExpiryQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: EXPIRY_WINDOWS_DAYS,
    default: EXPIRY_WINDOWS_DAYS[0],
    description: 'what runs out within this many days from today',
  })
  @IsOptional()
  @Type(() => Number)
  @IsIn(EXPIRY_WINDOWS_DAYS)
  withinDays?: ExpiryWindowDays;

  @ApiPropertyOptional({ description: 'people registered for or checked in at this fair' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  fairId?: string;

  @ApiPropertyOptional({
    enum: PROGRAMMES,
    description: 'documents this programme asks for: its roster entry, a test its openings accept, the medical check for work abroad',
  })
  @IsOptional()
  @IsIn(PROGRAMMES)
  programme?: Programme;
}

export class ExpiryItem {
  @ApiProperty() seekerId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() nationalId!: string;
  @ApiProperty() province!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: DocumentKind;
  @ApiProperty({ description: 'the test (EPS-TOPIK), the roster programme (eps), or `medical`' }) name!: string;
  @ApiProperty({ format: 'date' }) takenOn!: string;
  @ApiProperty({ format: 'date', description: 'the last day it counts' }) validUntil!: string;
  @ApiProperty({ description: 'days from today to validUntil (0: its last day is today)' }) daysLeft!: number;
}

export class ExpiryList {
  @ApiProperty({ format: 'date', description: 'today, the day the windows start' }) asOf!: string;
  @ApiProperty({ enum: EXPIRY_WINDOWS_DAYS }) withinDays!: ExpiryWindowDays;
  @ApiProperty({ type: [ExpiryItem], description: 'soonest first' }) items!: ExpiryItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
