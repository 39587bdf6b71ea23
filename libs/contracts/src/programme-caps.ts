import { Programme } from './vocabulary';

/** Caps above the openings that a programme sets; counted per employer over its openings of the programme. */
export interface ProgrammeCapRule {
  /** At most this many workers per employer. */
  perEmployer?: number;
  /** At most this many workers per farm household (openings of one employer naming the same `household`). */
  perHousehold?: number;
}

/** Korea's seasonal programme (E-8) from 2026: at most 5 workers per farm household and 9 per employer (DOMAIN.md). */
export const SEASONAL_WORKERS_PER_HOUSEHOLD = 5;
export const SEASONAL_WORKERS_PER_EMPLOYER = 9;

/**
 * The programme caps every matching mode keeps. Interpreters by ratio (1 per 100 workers of one
 * nationality) are not modelled: they are not seekers' seats.
 */
export const PROGRAMME_CAPS: Readonly<Partial<Record<Programme, ProgrammeCapRule>>> = Object.freeze({
  seasonal: { perEmployer: SEASONAL_WORKERS_PER_EMPLOYER, perHousehold: SEASONAL_WORKERS_PER_HOUSEHOLD },
});
