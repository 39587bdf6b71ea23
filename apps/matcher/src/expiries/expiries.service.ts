import { Injectable } from '@nestjs/common';
import { OpeningSnapshot, SeekerSnapshot } from '@jobfair/contracts';
import {
  DocumentValidity,
  EXPIRY_WINDOWS_DAYS,
  ProgrammeNeeds,
  daysLeft,
  documentConcerns,
  documentValidities,
  expiringWithin,
  isoDay,
} from '@jobfair/matching';
import { DEFAULT_PAGE_SIZE } from '@jobfair/platform';
import { ReadModelsService } from '../read-models/read-models.service';
import { ExpiryItem, ExpiryList, ExpiryQuery } from './expiry.dto';

/** Where an item sorts, soonest first; also the page cursor (the last item's key). */
const sortKey = (item: ExpiryItem): string => [item.validUntil, item.seekerId, item.kind, item.name].join('|');

/**
 * The expiry list reads the matcher's read models, not the seekers service: only here do
 * seekers' documents meet the fairs they registered for or checked in at and the programmes'
 * openings (which tests they accept), the two ways staff narrow the list.
 */
@Injectable()
export class ExpiriesService {
  constructor(private readonly readModels: ReadModelsService) {}

  async list(query: ExpiryQuery, today: Date = new Date()): Promise<ExpiryList> {
    const withinDays = query.withinDays ?? EXPIRY_WINDOWS_DAYS[0];
    const asOf = isoDay(today);
    const [seekers, needs] = await Promise.all([this.seekersOf(query.fairId), query.programme ? this.needsOf(query.programme) : undefined]);
    const items = seekers
      .flatMap((seeker) =>
        expiringWithin(documentValidities(seeker), asOf, withinDays)
          .filter((doc) => !needs || documentConcerns(doc, needs))
          .map((doc) => item(seeker, doc, asOf)),
      )
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    const after = query.cursor ? items.filter((i) => sortKey(i) > query.cursor!) : items;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const page = after.slice(0, limit);
    return { asOf, withinDays, items: page, nextCursor: after.length > limit ? sortKey(page[page.length - 1]) : null };
  }

  /** A fair's people (registered or checked in), or everyone the matcher knows. */
  private async seekersOf(fairId: string | undefined): Promise<SeekerSnapshot[]> {
    if (fairId === undefined) return (await this.readModels.seekers.find({}, { seeker: 1 }).lean()).map((doc) => doc.seeker);
    const { registered, checkedIn } = await this.readModels.membersOf([fairId]);
    const ids = [...registered, ...checkedIn].map((member) => member.slice(fairId.length + 1));
    return [...(await this.readModels.seekersById(ids)).values()];
  }

  /** What a programme asks, from the openings of it that the matcher knows; work abroad unless the programme is domestic. */
  private async needsOf(programme: string): Promise<ProgrammeNeeds> {
    const docs = await this.readModels.openings.find({ 'opening.programme': programme }, { opening: 1 }).lean();
    const openings: OpeningSnapshot[] = docs.map((doc) => doc.opening).filter((opening) => opening.programme === programme);
    return {
      programme,
      tests: new Set(openings.flatMap((opening) => opening.requirements.languageTests.map((test) => test.test))),
      overseas: openings.length ? openings.some((opening) => opening.scope === 'overseas') : programme !== 'domestic',
    };
  }
}

function item(seeker: SeekerSnapshot, doc: DocumentValidity, asOf: string): ExpiryItem {
  return {
    seekerId: seeker.id,
    fullName: seeker.fullName,
    nationalId: seeker.nationalId,
    province: seeker.province,
    ...doc,
    daysLeft: daysLeft(doc, asOf),
  };
}
