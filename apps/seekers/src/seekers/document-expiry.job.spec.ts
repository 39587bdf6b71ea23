import { ExpiredDocument } from '@jobfair/contracts';
import { SeekersConfig } from '../service-spec';
import { DocumentExpiryJob } from './document-expiry.job';
import type { SeekersService } from './seekers.service';

// The job's only collaborator is faked: the real service (and its mongoose schema) stays out of a unit test.
jest.mock('./seekers.service', () => ({ SeekersService: class {} }));

/** The seekers service as the job sees it: the dated documents, and a tell that records each key once. */
function fakeSeekers() {
  const told: { id: string; expired: ExpiredDocument }[] = [];
  const keys = new Map<string, string[]>([['s1', []]]);
  const service = {
    datedDocuments: () =>
      Promise.resolve([
        {
          _id: 's1',
          languageTests: [{ test: 'EPS-TOPIK', score: 150, takenAt: '2024-11-01' }], // last day 2026-11-01
          medicalCheck: { checkedAt: '2025-12-01', result: 'fit' }, // last day 2026-12-01
          rosterEntries: [{ programme: 'eps', enteredAt: '2025-11-20' }], // last day 2026-11-20
          expiredDocuments: keys.get('s1')!,
        },
      ]),
    tellExpiry: (id: string, expired: ExpiredDocument, key: string) => {
      if (keys.get(id)!.includes(key)) return Promise.resolve(false);
      keys.set(id, [...keys.get(id)!, key]);
      told.push({ id, expired });
      return Promise.resolve(true);
    },
  };
  return { service: service as unknown as SeekersService, told };
}

describe('the document expiry job', () => {
  it('tells each document that ran out once, and again only for a new date', async () => {
    const { service, told } = fakeSeekers();
    const job = new DocumentExpiryJob(service, new SeekersConfig());
    expect(await job.scan(new Date('2026-12-01T10:00:00Z'))).toBe(2);
    expect(told.map((t) => [t.expired.kind, t.expired.validUntil])).toEqual([
      ['language-test', '2026-11-01'],
      ['roster-entry', '2026-11-20'],
    ]);
    expect(await job.scan(new Date('2026-12-01T11:00:00Z'))).toBe(0);
    // The medical check's last day was 2026-12-01: told the day after.
    expect(await job.scan(new Date('2026-12-02T00:00:00Z'))).toBe(1);
    expect(told[2].expired).toEqual({ kind: 'medical-check', name: 'medical', takenOn: '2025-12-01', validUntil: '2026-12-01' });
  });
});
