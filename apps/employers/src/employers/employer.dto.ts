import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CrossFieldRule, EMPLOYER_KINDS, EmployerKind, HOME_COUNTRY, IsReadableName } from '@jobfair/contracts';
import { PageQuery } from '@jobfair/platform';

// What the @ValidateIf on licenceNumber asks, in the document.
@CrossFieldRule({ anyOf: [{ properties: { kind: { not: { enum: ['agency'] } } } }, { required: ['licenceNumber'] }] })
export class RegisterEmployerDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsReadableName()
  name!: string;

  @ApiProperty({ enum: EMPLOYER_KINDS })
  @IsIn(EMPLOYER_KINDS)
  kind!: EmployerKind;

  /** Labour-export service companies must be licensed. */
  @ApiPropertyOptional({ description: 'required for kind agency' })
  @ValidateIf((o: RegisterEmployerDto) => o.kind === 'agency' || o.licenceNumber !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  licenceNumber?: string;

  @ApiPropertyOptional({ default: HOME_COUNTRY, description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  province?: string;
}

export class ListEmployersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EMPLOYER_KINDS })
  @IsOptional()
  @IsIn(EMPLOYER_KINDS)
  kind?: EmployerKind;
}
