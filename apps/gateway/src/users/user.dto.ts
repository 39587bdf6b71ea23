import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQuery } from '@jobfair/platform';
import { CrossFieldRule, ROLES, Role } from '@jobfair/contracts';

// An employer's user is bound to its employer; no other user is (users.service checks the second half).
@CrossFieldRule({
  oneOf: [
    { properties: { role: { enum: ['employer'] } }, required: ['employerId'] },
    { properties: { role: { not: { enum: ['employer'] } } }, not: { required: ['employerId'] } },
  ],
})
export class CreateUserDto {
  @ApiProperty({ example: 'lan.nguyen' })
  @IsString()
  @Matches(/^[a-z0-9._-]{3,60}$/, { message: 'username: 3-60 of a-z 0-9 . _ -' })
  username!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  /** Required for, and only for, an employer's user. */
  @ApiPropertyOptional({ description: 'required for role employer, refused otherwise' })
  @ValidateIf((o: CreateUserDto) => o.role === 'employer' || o.employerId !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  employerId?: string;
}

export class TokenRequestDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  username!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

/**
 * What an administrator changes of a user: the role (an employer's user with its employer,
 * whose employerId is dropped when it takes another role) and whether it may sign in; at
 * least one of the two (users.service checks both rules too).
 */
@CrossFieldRule({
  allOf: [
    { anyOf: [{ required: ['role'] }, { required: ['disabled'] }] },
    {
      oneOf: [
        { properties: { role: { enum: ['employer'] } }, required: ['role', 'employerId'] },
        { properties: { role: { not: { enum: ['employer'] } } }, not: { required: ['employerId'] } },
      ],
    },
  ],
})
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'required with role employer, refused otherwise' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  employerId?: string;

  @ApiPropertyOptional({ description: 'true: the user can no longer sign in; false: again' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
}
