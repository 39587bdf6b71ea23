import { OpeningPosted, SeekerErased, SeekersMerged, Topics, checkEvent, contractsOn, deadLetterTopic } from './index';

const envelope = (overrides: Record<string, unknown> = {}) => ({
  id: '01935f1c-7a2b-7c3d-8e4f-0123456789ab',
  type: SeekerErased.type,
  source: 'seekers',
  aggregateId: 'seeker-1',
  aggregateVersion: 3,
  occurredAt: '2026-11-25T10:00:00.000Z',
  correlationId: 'c-1',
  data: { id: 'seeker-1', erasedAt: '2026-11-25T10:00:00.000Z' },
  ...overrides,
});

describe('event contracts', () => {
  it('accepts a valid envelope and returns its contract', () => {
    const check = checkEvent(envelope(), Topics.seeker);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.contract).toBe(SeekerErased);
  });

  it('names every invalid envelope field', () => {
    const check = checkEvent(envelope({ id: 'nope', aggregateVersion: 0, occurredAt: 'yesterday' }));
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toMatch(/id: id must be a UUID/);
      expect(check.reason).toMatch(/aggregateVersion: aggregateVersion must not be less than 1/);
      expect(check.reason).toMatch(/occurredAt:/);
    }
  });

  it('validates the payload against the contract of its type', () => {
    const check = checkEvent(envelope({ data: { id: '' } }));
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/invalid SeekerErased: data.id: .*data.erasedAt/) });
  });

  it('refuses an event on a topic it does not belong to', () => {
    const check = checkEvent(envelope(), Topics.opening);
    expect(check).toEqual({ ok: false, reason: 'event type SeekerErased does not belong on employers.opening.v1' });
  });

  it('marks an unknown type as such (a newer producer), not as poison', () => {
    expect(checkEvent(envelope({ type: 'SeekerTeleported' }))).toEqual({
      ok: false,
      reason: 'unknown event type SeekerTeleported',
      unknownType: true,
    });
  });

  it('refuses what is not a JSON object', () => {
    for (const raw of ['text', 42, null, [envelope()]]) {
      expect(checkEvent(raw)).toEqual({ ok: false, reason: 'message is not a JSON object' });
    }
  });

  it('lists the contracts of a topic and names its dead-letter topic', () => {
    expect(contractsOn(Topics.opening).map((c) => c.type)).toContain(OpeningPosted.type);
    expect(deadLetterTopic(Topics.opening)).toBe('employers.opening.v1.dlt');
  });

  it('checks a merge of two records: both ids, no personal data', () => {
    const merge = { mergedId: 'seeker-2', survivorId: 'seeker-1', mergedAt: '2026-11-25T10:00:00.000Z' };
    const check = checkEvent(envelope({ type: SeekersMerged.type, aggregateId: 'seeker-2', data: merge }), Topics.seeker);
    expect(check.ok && check.contract).toBe(SeekersMerged);
    const { survivorId: _missing, ...withoutSurvivor } = merge;
    expect(checkEvent(envelope({ type: SeekersMerged.type, data: withoutSurvivor }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/invalid SeekersMerged: data.survivorId/),
    });
  });
});
