import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO31661Alpha2,
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CrossFieldRule } from './json-schema';
import {
  CONSENT_PURPOSES,
  ConsentPurpose,
  LANGUAGE_LEVELS,
  LANGUAGE_TESTS,
  LanguageTest,
  MEDICAL_RESULTS,
  MedicalResult,
  PROGRAMMES,
  Programme,
  SCOPES,
  Scope,
} from './vocabulary';

/**
 * Value objects that appear both in HTTP bodies and in events. One definition,
 * validated the same way at the edge and on the wire.
 */

export const NATIONAL_ID_PATTERN = /^[0-9A-Z]{9,12}$/;

/**
 * A name that people read and click on screens (an employer's, an opening's title, a fair's)
 * has a letter or a digit: one of only spaces, line breaks or signs shows as nothing at all.
 */
export function IsReadableName(): PropertyDecorator {
  return Matches(/[\p{L}\p{N}]/u, { message: 'must contain a letter or a digit' });
}
export const MAX_LIST = 50;

export class LanguageRequirement {
  @IsIn(LANGUAGE_TESTS)
  test!: LanguageTest;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1000)
  minScore?: number;

  @IsOptional()
  @IsString()
  @MaxLength(10)
  minLevel?: string;
}

export class Requirements {
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(70)
  minAge?: number;

  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(70)
  maxAge?: number;

  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => LanguageRequirement)
  languageTests: LanguageRequirement[] = [];

  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  skills: string[] = [];

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(50)
  minExperienceYears?: number;
}

/** The largest opening we accept in one order (Korea's seasonal plan for a province is 354); a what-if's too. */
export const MAX_POSITIONS = 10000;

export class Quotas {
  @IsInt()
  @Min(0)
  @Max(100000)
  firstTime!: number;

  @IsInt()
  @Min(0)
  @Max(100000)
  returning!: number;
}

export class Money {
  @IsNumber()
  @Min(0)
  amount!: number;

  @IsString()
  @Matches(/^[A-Z]{3}$/)
  currency!: string;
}

export class Salary extends Money {
  @IsIn(['hour', 'month', 'year'])
  period!: 'hour' | 'month' | 'year';
}

/** A cost the worker pays (fees, flights, training): shown to seekers before they apply. */
export class WorkerCost extends Money {
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  item!: string;
}

export class SkillExperience {
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  name!: string;

  @IsNumber()
  @Min(0)
  @Max(50)
  years!: number;
}

// What the seekers service checks beside the field rules (seeker-rules.ts): a score or a level, and a level of the test's own.
@CrossFieldRule({
  allOf: [
    { anyOf: [{ required: ['score'] }, { required: ['level'] }] },
    {
      anyOf: LANGUAGE_TESTS.map((test) => ({
        properties: { test: { enum: [test] }, ...(LANGUAGE_LEVELS[test].length ? { level: { enum: LANGUAGE_LEVELS[test] } } : {}) },
      })),
    },
  ],
})
export class LanguageTestResult {
  @IsIn(LANGUAGE_TESTS)
  test!: LanguageTest;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1000)
  score?: number;

  @IsOptional()
  @IsString()
  @MaxLength(10)
  level?: string;

  @IsISO8601({ strict: true })
  takenAt!: string;
}

/** The latest medical check: health data, sensitive (travels sealed with the rest of the profile). Valid 1 year. */
export class MedicalCheck {
  @IsISO8601({ strict: true })
  checkedAt!: string;

  @IsIn(MEDICAL_RESULTS)
  result!: MedicalResult;
}

/** A place on a programme's roster of candidates (the EPS roster after the test), entered on a date. Valid 1 year. */
export class RosterEntry {
  @IsIn(PROGRAMMES)
  programme!: Programme;

  @IsISO8601({ strict: true })
  enteredAt!: string;
}

export class Preferences {
  @IsArray()
  @ArrayMaxSize(2)
  @IsIn(SCOPES, { each: true })
  scopes!: Scope[];

  /** Ordered: the first is the seeker's favourite. */
  @IsArray()
  @ArrayMaxSize(20)
  @IsISO31661Alpha2({ each: true })
  countries: string[] = [];

  /** Ordered: the first is the seeker's favourite. */
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  sectors: string[] = [];

  @IsOptional()
  @ValidateNested()
  @Type(() => Money)
  minSalary?: Money;
}

export class OverseasStint {
  @IsISO31661Alpha2()
  country!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  employer?: string;

  @IsOptional()
  @IsString()
  @MaxLength(60)
  programme?: string;

  @IsISO8601({ strict: true })
  from!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @IsOptional()
  @IsBoolean()
  rehireRecommended?: boolean;

  /** The employer of the stint when it is one of ours (its id): re-entry of a faithful worker to the same employer. Added in issue 14. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  employerId?: string;

  /** Whether the worker changed workplace during the stint; false (said so) makes a faithful worker. Added in issue 14. */
  @IsOptional()
  @IsBoolean()
  changedWorkplace?: boolean;
}

/** One consent, per purpose, with its time; nothing is pre-ticked. */
export class Consent {
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @IsBoolean()
  granted!: boolean;

  @IsISO8601()
  at!: string;
}

/** Whether the person's latest word on a purpose is yes: consent is per purpose, can be withdrawn, and is never assumed. */
export function consentGiven(consents: readonly Consent[], purpose: ConsentPurpose): boolean {
  const latest = consents
    .filter((consent) => consent.purpose === purpose)
    .reduce<Consent | undefined>((last, consent) => (!last || consent.at >= last.at ? consent : last), undefined);
  return latest?.granted === true;
}
