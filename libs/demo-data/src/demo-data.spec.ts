import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors } from '@jobfair/contracts';
import { RegisterEmployerDto } from '../../../apps/employers/src/employers/employer.dto';
import { PostOpeningDto } from '../../../apps/employers/src/openings/opening.dto';
import { capacityProblems } from '../../../apps/employers/src/openings/opening-rules';
import { RegisterSeekerDto } from '../../../apps/seekers/src/seekers/seeker.dto';
import { profileProblems } from '../../../apps/seekers/src/seekers/seeker-rules';
import { ScheduleFairDto, SetUpBoothDto } from '../../../apps/fairs/src/fairs/fair.dto';
import { windowProblems } from '../../../apps/fairs/src/fairs/fair-rules';
import {
  CheckInBatchDto,
  OfflineCheckInDto,
  PreRegisterSeekerDto,
  identityProblems,
} from '../../../apps/fairs/src/attendance/attendance.dto';
import { ChangePlacementStatusDto, HireDto } from '../../../apps/matcher/src/placements/placement.dto';
import { RejectMatchDto } from '../../../apps/matcher/src/matches/match.dto';
import { StartRunDto } from '../../../apps/matcher/src/runs/run.dto';
import { daysLeft, documentValidities, expiringWithin, findDuplicatePairs, runMatching } from '@jobfair/matching';
import { openingProfile, seekerProfile } from '../../../apps/matcher/src/read-models/matching-profiles';
import { DemoData, FULL_SCALE, cancelWhereAlternatesWait, generateDemo, planLifecycle } from './index';

/** What the service's ValidationPipe would say about the body: nothing, for every generated one. */
function problems<T extends object>(dto: ClassConstructor<T>, body: object): string[] {
  return describeValidationErrors(validateSync(plainToInstance(dto, body), { whitelist: true, forbidNonWhitelisted: true }));
}

function allProblems(demo: DemoData): string[] {
  const found: string[] = [];
  const report = (what: string, list: string[]) => list.forEach((p) => found.push(`${what}: ${p}`));
  demo.employers.forEach((body, i) => report(`employer ${i}`, problems(RegisterEmployerDto, body)));
  demo.openings.forEach(({ body }, i) => {
    // The loader adds the employer's id; a placeholder stands in for it here.
    report(`opening ${i}`, problems(PostOpeningDto, { employerId: 'employer-id', ...body }));
    report(
      `opening ${i}`,
      capacityProblems({ ...body, designatedWorkers: body.designatedWorkers ?? [], requirements: body.requirements! }),
    );
  });
  demo.seekers.forEach((body, i) => {
    report(`seeker ${i}`, problems(RegisterSeekerDto, body));
    report(`seeker ${i}`, profileProblems(body, demo.asOf));
  });
  demo.fairs.forEach((fair, i) => {
    report(`fair ${i}`, problems(ScheduleFairDto, fair.body));
    report(`fair ${i}`, windowProblems(fair.body.startsAt, fair.body.endsAt));
    fair.booths.forEach((booth) =>
      report(`fair ${i} booth`, problems(SetUpBoothDto, { employerId: 'employer-id', openingIds: booth.openings.map(String) })),
    );
    fair.registrations.forEach(() => report(`fair ${i} registration`, problems(PreRegisterSeekerDto, { seekerId: 'seeker-id' })));
    for (let start = 0; start < fair.checkIns.length; start += 500) {
      report(`fair ${i} batch`, problems(CheckInBatchDto, { items: fair.checkIns.slice(start, start + 500) }));
    }
    fair.checkIns.forEach((item) => {
      report(`fair ${i} check-in`, problems(OfflineCheckInDto, item));
      report(`fair ${i} check-in`, identityProblems(plainToInstance(OfflineCheckInDto, item)));
    });
  });
  const { lifecycle } = demo;
  report('lifecycle run', problems(StartRunDto, { fairId: 'fair-id', mode: lifecycle.mode, shortlistRatio: lifecycle.shortlistRatio }));
  report('lifecycle hire', problems(HireDto, { matchId: 'match-id', at: lifecycle.hiredAt }));
  for (const fate of planLifecycle(lifecycle, 20)) {
    if (fate.rejected) report('lifecycle reject', problems(RejectMatchDto, { reason: fate.rejected }));
    if (fate.cancelled)
      report(
        'lifecycle cancel',
        problems(ChangePlacementStatusDto, {
          status: 'cancelled',
          at: lifecycle.cancelledAt,
          note: fate.cancelled,
          reason: fate.cancelReason,
        }),
      );
  }
  report('lifecycle departure', problems(ChangePlacementStatusDto, { status: 'departed', at: lifecycle.departedAt }));
  report('lifecycle return', problems(ChangePlacementStatusDto, { status: 'returned', at: lifecycle.returnedAt }));
  return found;
}

/** The demo's seekers and openings through the matcher's own adapter, as the service would see them (ids `s<i>`, `o<i>`). */
function profiles(demo: DemoData) {
  const seekers = demo.seekers.map((s, i) => seekerProfile({ ...s, id: `s${i}`, available: true }));
  const openings = demo.openings.map((o, i) =>
    openingProfile({
      ...o.body,
      id: `o${i}`,
      employerId: `e${o.employer}`,
      filled: 0,
      status: 'open',
      costs: o.body.costs ?? [],
      designatedWorkers: o.body.designatedWorkers ?? [],
      requirements: o.body.requirements ?? { languageTests: [], skills: [] },
    }),
  );
  return { seekers, openings };
}

const overseasPositions = (demo: DemoData) => {
  const byCountry: Record<string, number> = {};
  for (const { body } of demo.openings) byCountry[body.country] = (byCountry[body.country] ?? 0) + body.positions;
  return byCountry;
};

describe('generateDemo', () => {
  const full = generateDemo({ seed: 1, scale: 1 });
  const small = generateDemo({ seed: 1, scale: 0.02 });

  it('gives the same data for the same seed, and other data for another seed', () => {
    expect(JSON.stringify(generateDemo({ seed: 1, scale: 0.02 }))).toBe(JSON.stringify(small));
    expect(generateDemo({ seed: 2, scale: 0.02 }).seekers[0].nationalId).not.toBe(small.seekers[0].nationalId);
  });

  it("at scale 1 has DOMAIN.md's figures for Thanh Hoa", () => {
    expect(full.fairs).toHaveLength(22);
    expect(full.employers).toHaveLength(300);
    // People, not records: a few are registered twice (for the duplicates' review).
    expect(full.seekers.length - full.secondRecords.length).toBe(10500);
    const cheorwon = full.openings[full.cheorwon].body;
    expect(cheorwon).toMatchObject({ programme: 'seasonal', country: 'KR', positions: 354, quotas: { firstTime: 132, returning: 222 } });
    expect(cheorwon.designatedWorkers).toHaveLength(222);
    expect(full.fairs.reduce((sum, fair) => sum + fair.checkIns.length, 0)).toBe(10500);
    const start = full.fairs.map((f) => f.body.startsAt).sort();
    expect(Date.parse(start[start.length - 1]) - Date.parse(start[0])).toBeLessThanOrEqual(FULL_SCALE.months * 31 * 86_400_000);
  });

  it('shares the overseas positions by market as Taiwan 2,150 : Japan 1,913 : South Korea 635', () => {
    expect(overseasPositions(full)).toMatchObject({ TW: 2150, JP: 1913, KR: 635 });
    const small_ = overseasPositions(small);
    expect(small_.TW).toBeGreaterThan(small_.JP);
    expect(small_.JP).toBeGreaterThan(small_.KR);
  });

  it('keeps every kind of thing in a small slice', () => {
    expect(small.seekers.length).toBeGreaterThanOrEqual(200);
    expect(new Set(small.employers.map((e) => e.kind))).toEqual(new Set(['domestic', 'overseas', 'agency']));
    expect(new Set(small.fairs.map((f) => f.body.kind))).toEqual(new Set(['fixed', 'mobile']));
    expect(small.fairs.some((f) => f.held) && small.fairs.some((f) => !f.held)).toBe(true);
    expect(new Set(small.openings.map((o) => o.body.programme))).toEqual(
      new Set(['eps', 'seasonal', 'japan-technical-intern', 'japan-specified-skilled', 'taiwan-contract', 'domestic']),
    );
    const cheorwon = small.openings[small.cheorwon].body;
    expect(cheorwon.quotas!.firstTime + cheorwon.quotas!.returning).toBe(cheorwon.positions);
  });

  it('gives each programme its rules', () => {
    for (const { body } of full.openings) {
      const tests = body.requirements?.languageTests ?? [];
      if (body.programme === 'eps') expect(tests).toContainEqual({ test: 'EPS-TOPIK', minScore: expect.any(Number) });
      if (body.programme.startsWith('japan')) expect(['N4', 'N3']).toContain(tests.find((t) => t.test === 'JLPT')?.minLevel);
      if (body.programme === 'taiwan-contract') expect(body.requirements).toMatchObject({ minAge: 20, maxAge: expect.any(Number) });
      if (body.programme === 'domestic') expect(body).toMatchObject({ country: 'VN', province: 'Thanh Hoa', district: expect.any(String) });
    }
    const scores = full.seekers
      .flatMap((s) => s.languageTests)
      .filter((t) => t.test === 'EPS-TOPIK')
      .map((t) => t.score!);
    expect(scores.length).toBeGreaterThan(100);
    expect(Math.max(...scores)).toBeLessThanOrEqual(200);
  });

  it('passes the services’ own validation for every body (DTOs and cross-field rules)', () => {
    // The check itself sees a bad body: an unknown field and a malformed date.
    expect(problems(RegisterSeekerDto, { ...small.seekers[0], birthDate: '21/04/1998', nickname: 'An' })).toHaveLength(2);
    expect(allProblems(small)).toEqual([]);
    expect(allProblems(full)).toEqual([]);
  });

  it('puts designated workers among the seekers with a season in Korea behind them, some recommended for rehire', () => {
    for (const demo of [full, small]) {
      const byId = new Map(demo.seekers.map((s) => [s.nationalId, s]));
      const designated = demo.openings[demo.cheorwon].body.designatedWorkers!;
      const known = designated.flatMap((id) => byId.get(id) ?? []);
      expect(known.length).toBeGreaterThan(0);
      expect(known.length).toBeLessThan(designated.length);
      for (const seeker of known)
        expect(seeker.overseasHistory).toContainEqual(expect.objectContaining({ country: 'KR', programme: 'seasonal' }));
      expect(known.some((s) => s.overseasHistory.some((h) => h.rehireRecommended))).toBe(true);
    }
  });

  it('makes the designated workers on the roster eligible for their named seats, so a run seats every one', () => {
    const { seekers, openings } = profiles(full);
    const cheorwon = openings[full.cheorwon];
    const onRoster = new Set(seekers.map((s) => s.nationalId));
    const named = cheorwon.designatedWorkers.filter((id) => onRoster.has(id));
    const result = runMatching({ seekers, openings, mode: 'optimal' });
    const seated = result.matches.filter((m) => m.openingId === cheorwon.id && m.designated);
    expect(seated).toHaveLength(named.length);
  });

  it('refers only to what exists: booths bring their own employer’s openings, each seeker checks in once', () => {
    for (const demo of [full, small]) {
      expect(new Set(demo.seekers.map((s) => s.nationalId)).size).toBe(demo.seekers.length);
      for (const fair of demo.fairs) {
        for (const booth of fair.booths) for (const o of booth.openings) expect(demo.openings[o].employer).toBe(booth.employer);
        expect(fair.registrations.every((i) => i >= 0 && i < demo.seekers.length)).toBe(true);
        if (!fair.held) expect(fair.checkIns).toEqual([]);
      }
      const checkedIn = demo.fairs.flatMap((f) => f.checkIns.map((c) => c.nationalId));
      expect(new Set(checkedIn).size).toBe(checkedIn.length);
      const withBooth = new Set(demo.fairs.flatMap((f) => f.booths.map((b) => b.employer)));
      expect(withBooth.size).toBe(demo.employers.length);
    }
  });

  it('takes a held fixed fair through the lifecycle, with its dates in order between the fair and the demo’s date', () => {
    for (const demo of [full, small]) {
      const { fair, hiredAt, cancelledAt, departedAt, returnedAt } = demo.lifecycle;
      expect(demo.fairs[fair]).toMatchObject({ held: true, body: { kind: 'fixed' } });
      expect(demo.fairs[fair].checkIns.length).toBeGreaterThan(0);
      // Another fair is still to come: the check-in desk has something to do.
      expect(demo.fairs.some((f, i) => i !== fair && !f.held)).toBe(true);
      const times = [demo.fairs[fair].body.endsAt, hiredAt, cancelledAt, departedAt, returnedAt, `${demo.asOf}T00:00:00+07:00`];
      const instants = times.map((t) => Date.parse(t));
      expect(instants).toEqual([...instants].sort((a, b) => a - b));
      expect(new Set(instants).size).toBe(instants.length);
    }
    expect(generateDemo({ seed: 1, scale: 0.02 }).lifecycle).toEqual(small.lifecycle);
  });

  it('plans each proposal’s fate: most hired, one or two rejected with a reason, some departed, one returned, one cancelled (medical or visa)', () => {
    for (const count of [1, 2, 3, 4, 5, 8, 20, 200]) {
      const fates = planLifecycle(small.lifecycle, count);
      expect(fates).toHaveLength(count);
      expect(planLifecycle(small.lifecycle, count)).toEqual(fates);
      const rejected = fates.filter((f) => f.rejected);
      const hired = fates.filter((f) => !f.rejected);
      const cancelled = hired.filter((f) => f.cancelled);
      const returned = hired.filter((f) => f.returned);
      expect(rejected.length).toBe(count >= 8 ? 2 : count >= 3 ? 1 : 0);
      expect(hired.length).toBeGreaterThan(rejected.length);
      expect(hired.filter((f) => f.departed).length).toBeGreaterThan(0);
      expect(returned.length).toBe(count >= 2 ? 1 : 0);
      expect(cancelled.length).toBe(count >= 4 ? 1 : 0);
      for (const f of cancelled) {
        expect(f).toEqual({ cancelled: expect.stringMatching(/medical|visa/), cancelReason: expect.stringMatching(/^(medical|visa)$/) });
        expect(f.cancelled).toContain(f.cancelReason);
      }
      for (const f of returned) expect(f).toEqual({ departed: true, returned: true });
      for (const f of rejected) expect(f.rejected).toMatch(/\w/);
    }
    expect(planLifecycle({ ...small.lifecycle, seed: 2 }, 20)).not.toEqual(planLifecycle(small.lifecycle, 20));
    // The cancel moves to a hire whose opening has alternates waiting, and only then.
    const fates = planLifecycle(small.lifecycle, 20);
    const cancelled = fates.findIndex((f) => f.cancelled);
    const openingOf = fates.map((_, i) => `op-${i}`);
    expect(cancelWhereAlternatesWait(fates, openingOf, new Set([openingOf[cancelled]]))).toEqual(fates);
    const target = fates.findIndex((f, i) => i !== cancelled && !f.rejected && !f.returned);
    const moved = cancelWhereAlternatesWait(fates, openingOf, new Set([openingOf[target]]));
    expect(moved[target]).toEqual(fates[cancelled]);
    expect(moved[cancelled]).toEqual(fates[target]);
    expect(cancelWhereAlternatesWait(fates, openingOf, new Set())).toEqual(fates);
  });

  it('gives some seekers a medical check and a roster entry, a few running out within 30, 60 and 90 days of the loading day', () => {
    for (const demo of [small, generateDemo({ seed: 1, scale: 0.02, loadedOn: '2026-12-02' }), full]) {
      const byId = new Map(demo.seekers.map((s) => [s.nationalId, s]));
      const windows = [0, 30, 60, 90];
      for (const [i, within] of windows.slice(1).entries()) {
        // Exactly as the expiry list counts: still valid on the day, the last day within the window and not the one before.
        const inWindow = demo.seekers.flatMap((s) =>
          expiringWithin(documentValidities(s), demo.loadedOn, within)
            .filter((d) => daysLeft(d, demo.loadedOn) > windows[i])
            .map((d) => d.kind),
        );
        expect([within, inWindow]).toEqual([within, expect.arrayContaining(['medical-check', 'roster-entry'])]);
      }
      for (const doc of demo.documents.expiring) {
        const seeker = byId.get(doc.nationalId)!;
        const validity = documentValidities(seeker).find((d) => d.kind === doc.kind)!;
        expect(validity.validUntil).toBe(doc.validUntil);
        expect(daysLeft(validity, demo.loadedOn)).toBeLessThanOrEqual(doc.withinDays);
      }
      expect(demo.documents.expiring).toHaveLength(6);
      // And more of them with documents that count well past every opening's start: a medical check, a place on the EPS roster.
      expect(demo.seekers.filter((s) => s.medicalCheck).length).toBeGreaterThan(demo.documents.expiring.length);
      expect(demo.seekers.filter((s) => s.rosterEntries?.length).length).toBeGreaterThan(3);
      // The designated workers keep their named seats.
      const designated = new Set(demo.openings[demo.cheorwon].body.designatedWorkers);
      expect(
        [...demo.documents.medicalExpired, ...demo.documents.expiring.map((d) => d.nationalId)].filter((id) => designated.has(id)),
      ).toEqual([]);
    }
  });

  it('dates the documents due to run out from the loading day only: the rest of the demo, and a second load, stay the same', () => {
    const later = generateDemo({ seed: 1, scale: 0.02, loadedOn: '2026-12-02' });
    expect(later.loadedOn).toBe('2026-12-02');
    expect(small.loadedOn).toBe(small.asOf);
    expect(later.documents.medicalExpired).toEqual(small.documents.medicalExpired);
    const without = (demo: DemoData) => ({
      ...demo,
      loadedOn: undefined,
      documents: undefined,
      seekers: demo.seekers.map(({ medicalCheck, rosterEntries, ...rest }) => rest),
    });
    expect(JSON.stringify(without(later))).toBe(JSON.stringify(without(small)));
    expect(JSON.stringify(generateDemo({ seed: 1, scale: 0.02, loadedOn: '2026-12-02' }))).toBe(JSON.stringify(later));
    expect(later.documents.expiring.map((d) => d.validUntil)).not.toEqual(small.documents.expiring.map((d) => d.validUntil));
  });

  it('leaves seekers of the lifecycle fair unmatched for an expired medical check, and its run still proposes enough to review', () => {
    for (const demo of [small, full]) {
      const { seekers, openings } = profiles(demo);
      const fair = demo.fairs[demo.lifecycle.fair];
      const index = new Map(demo.seekers.map((s, i) => [s.nationalId, i]));
      const present = fair.checkIns.map((c) => seekers[index.get(c.nationalId)!]);
      const offered = fair.booths.flatMap((b) => b.openings.map((o) => openings[o]));
      const result = runMatching({
        seekers: present,
        openings: offered,
        mode: demo.lifecycle.mode,
        options: { shortlistRatio: demo.lifecycle.shortlistRatio, shortlistsPerSeeker: 2 },
      });
      // A shortlist: openings with a first choice have alternates for a cancelled worker's place (the loader cancels there).
      const withAlternate = new Set(result.alternates.map((m) => m.openingId));
      const chosenAt = [...new Set(result.matches.map((m) => m.openingId))];
      expect(chosenAt.filter((id) => withAlternate.has(id)).length).toBeGreaterThan(0);
      expect(demo.documents.medicalExpired.length).toBeGreaterThan(0);
      for (const nationalId of demo.documents.medicalExpired) {
        const id = `s${index.get(nationalId)}`;
        expect(result.matches.some((m) => m.seekerId === id)).toBe(false);
        const unmatched = result.unmatched.find((u) => u.seekerId === id)!;
        expect(unmatched.reasons.map((r) => r.code)).toContain('medical-expired');
      }
      expect(result.matches.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('registers a few people twice (an old 9-digit ID), none of the lifecycle fair, for the duplicates to review', () => {
    expect(small.secondRecords.length).toBeGreaterThanOrEqual(2);
    const byId = new Map(small.seekers.map((seeker) => [seeker.nationalId, seeker]));
    const pairs = findDuplicatePairs(
      small.seekers.map((s) => ({ id: s.nationalId, fullName: s.fullName, birthDate: s.birthDate, phone: s.phone })),
    );
    const attendees = (fair: (typeof small.fairs)[number]) => [
      ...fair.checkIns.map((c) => c.nationalId),
      ...fair.registrations.map((i) => small.seekers[i].nationalId),
    ];
    const atLifecycle = new Set(attendees(small.fairs[small.lifecycle.fair]));
    const atFairs = new Set(small.fairs.flatMap(attendees));
    for (const { nationalId, of, samePhone } of small.secondRecords) {
      expect(nationalId).toMatch(/^\d{9}$/);
      const [second, first] = [byId.get(nationalId)!, byId.get(of)!];
      expect([second.fullName, second.birthDate]).toEqual([first.fullName, first.birthDate]);
      expect(second.phone).toBe(samePhone ? first.phone : undefined);
      const pair = pairs.find((p) => [p.a, p.b].sort().join() === [nationalId, of].sort().join());
      expect(pair?.reasons).toContain('same-name-birth');
      if (samePhone) expect(pair?.reasons).toContain('same-phone');
      expect(atLifecycle.has(of)).toBe(false);
      expect(atFairs.has(nationalId)).toBe(false);
    }
    expect(small.secondRecords.some((r) => r.samePhone)).toBe(true);
  });

  it('refuses a scale outside (0, 1]', () => {
    expect(() => generateDemo({ scale: 0 })).toThrow(RangeError);
    expect(() => generateDemo({ scale: 2 })).toThrow(RangeError);
  });
});
