import type { OpeningSnapshot, SeekerSnapshot } from '@jobfair/contracts';
import type { OpeningProfile, SeekerProfile } from '@jobfair/matching';

/**
 * The adapter between the published snapshots and libs/matching's input: field for
 * field, no rules here. Nulls pass through: the library reads them as absent. Salaries are
 * left out: the library compares plain numbers and our amounts carry a currency and a
 * period, which it would compare wrongly.
 */
export function seekerProfile(s: SeekerSnapshot): SeekerProfile {
  return {
    id: s.id,
    nationalId: s.nationalId,
    birthDate: s.birthDate,
    gender: s.gender,
    province: s.province,
    district: s.district,
    skills: s.skills,
    languageTests: s.languageTests,
    preferences: { scopes: s.preferences.scopes, countries: s.preferences.countries, sectors: s.preferences.sectors },
    overseasHistory: s.overseasHistory,
    householdStatus: s.householdStatus,
    placed: !s.available,
    medicalCheck: s.medicalCheck,
    rosterEntries: s.rosterEntries,
  };
}

export function openingProfile(o: OpeningSnapshot): OpeningProfile {
  return {
    id: o.id,
    employerId: o.employerId,
    sector: o.sector,
    scope: o.scope,
    country: o.country,
    province: o.province,
    district: o.district,
    programme: o.programme,
    household: o.household,
    positions: o.positions,
    filled: o.filled,
    quotas: o.quotas,
    designatedWorkers: o.designatedWorkers,
    requirements: o.requirements,
    startDate: o.startDate,
  };
}
