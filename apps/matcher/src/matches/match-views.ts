import { CancelReason, LanguageTestResult, MatchSnapshot, SeekerSnapshot, SkillExperience, consentGiven } from '@jobfair/contracts';
import { ageOn } from '@jobfair/matching';
import { Match, matchSnapshot, withoutHousehold } from './match.schema';

/**
 * What a reviewer learns about the matched seeker. Employers get only what EPS showed
 * them (age, experience, language results); centre staff also get name and national ID.
 * Phone and household status are never shown here.
 */
export interface CandidateView {
  age: number;
  skills: SkillExperience[];
  languageTests: LanguageTestResult[];
  fullName?: string;
  nationalId?: string;
}

export interface MatchView extends MatchSnapshot {
  /** Null once the seeker's data was erased, and for an employer when the seeker did not agree to share it. */
  candidate: CandidateView | null;
  /** Centre staff only: why the worker whose place this alternate took failed. */
  promotionReason?: CancelReason;
}

function candidate(seeker: SeekerSnapshot, forEmployer: boolean, today: Date): CandidateView {
  const minimal = {
    age: ageOn(seeker.birthDate, today),
    skills: seeker.skills.map(({ name, years }) => ({ name, years })),
    languageTests: seeker.languageTests.map(({ test, score, level, takenAt }) => ({ test, score, level, takenAt })),
  };
  return forEmployer ? minimal : { ...minimal, fullName: seeker.fullName, nationalId: seeker.nationalId };
}

export function matchView(match: Match, seeker: SeekerSnapshot | undefined, forEmployer: boolean, today = new Date()): MatchView {
  const snapshot = matchSnapshot(match);
  return {
    ...snapshot,
    ...(forEmployer ? withoutHousehold(snapshot) : {}),
    ...(!forEmployer && match.promotion ? { promotionReason: match.promotion.reason } : {}),
    candidate:
      seeker && (!forEmployer || consentGiven(seeker.consents ?? [], 'share-with-employers'))
        ? candidate(seeker, forEmployer, today)
        : null,
  };
}
