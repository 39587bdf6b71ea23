import { EventEnvelope, SealedPersonalData, Topics, WalkInDataKeyIssued } from '@jobfair/contracts';
import { keyEncryptionKey, newDataKey, newEvent, openSealed, seal, unwrapKey, wrapKey } from '@jobfair/messaging';
import { CentreServiceConfig } from '@jobfair/platform';

/** The key-encryption key the test run's services use (their development default unless PERSONAL_DATA_KEY is set). */
export function testKek(): Buffer {
  return keyEncryptionKey(process.env.PERSONAL_DATA_KEY ?? new CentreServiceConfig().personalDataKey);
}

/** The key topics, and where each topic's events keep their sealed fields (which subject's key opens them). */
export const KEY_TOPIC_OF: Record<string, string> = { [Topics.seeker]: Topics.seekerKey, [Topics.attendance]: Topics.walkInKey };

/** The sealed part of an event and its subject, if it has one. */
export function sealedPartOf(envelope: EventEnvelope<any>): { field: string; subjectId: string; sealed: SealedPersonalData } | undefined {
  const data = envelope?.data;
  if (data?.personal?.alg) return { field: 'personal', subjectId: data.id, sealed: data.personal };
  if (data?.registration?.alg) return { field: 'registration', subjectId: data.walkInRef, sealed: data.registration };
  return undefined;
}

/**
 * The event as its readers see it once opened: a seeker event's fields in `data`, a walk-in
 * request's registration in `data.registration`. The raw message keeps the sealed form.
 */
export function opened(envelope: EventEnvelope<any>, wrappedKey: SealedPersonalData): EventEnvelope<any> {
  const part = sealedPartOf(envelope)!;
  const content = openSealed(part.sealed, unwrapKey(wrappedKey, testKek(), part.subjectId), part.subjectId) as object;
  const { [part.field]: _sealed, ...rest } = envelope.data;
  const data = part.field === 'personal' ? { ...rest, ...content } : { ...rest, registration: content };
  return { ...envelope, data };
}

/**
 * A walk-in request's registration as the fairs service would seal it, with the key event the
 * seekers service needs to open it (send the key first).
 */
export function sealedWalkIn(walkInRef: string, registration: object): { key: EventEnvelope<object>; sealed: SealedPersonalData } {
  const dataKey = newDataKey();
  const key = newEvent(WalkInDataKeyIssued, {
    source: 'test',
    aggregateId: walkInRef,
    aggregateVersion: 1,
    data: { subjectId: walkInRef, wrappedKey: wrapKey(dataKey, testKek(), walkInRef) },
  });
  return { key, sealed: seal(registration, dataKey, walkInRef) };
}
