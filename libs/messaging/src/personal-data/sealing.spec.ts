import { SealedSeekerSnapshot, SeekerRegistered, SeekerRegistration, checkEvent } from '@jobfair/contracts';
import { PoisonEventError } from '../consumer/event-dispatcher';
import { newEvent } from '../new-event';
import { UnsealableError, keyEncryptionKey, newDataKey, seal, unseal, unwrapKey, wrapKey } from './sealing';

const registration = {
  nationalId: '038098001234',
  fullName: 'Hoàng Thị Ngọc Diễm',
  birthDate: '1997-02-14',
  gender: 'female',
  phone: '+84 912 345 678',
  province: 'Thanh Hoa',
  district: 'Dong Son',
  skills: [{ name: 'farming', years: 5 }],
  languageTests: [],
  preferences: { scopes: ['overseas'], countries: ['KR'], sectors: ['agriculture'] },
  overseasHistory: [],
  householdStatus: 'poor',
  consents: [],
};

describe('sealing personal data (crypto-erasure)', () => {
  const kek = keyEncryptionKey('a-personal-data-key-of-forty-characters!');

  it('seals fields so that nothing of them is readable, and opens them with the key, validated by their contract', () => {
    const key = newDataKey();
    const sealed = seal(registration, key, 'walk-in-1');
    const wire = JSON.stringify(sealed);
    for (const secret of ['038098001234', 'Hoàng', 'Hoang', '912 345', 'poor', 'Dong Son']) expect(wire).not.toContain(secret);
    const opened = unseal(sealed, key, 'walk-in-1', SeekerRegistration);
    expect(opened).toBeInstanceOf(SeekerRegistration);
    expect(JSON.parse(JSON.stringify(opened))).toEqual(registration);
  });

  it('does not open under another key, for another subject, or once a byte changed: poison, never retried', () => {
    const key = newDataKey();
    const sealed = seal(registration, key, 'walk-in-1');
    const flipped = Buffer.from(sealed.data, 'base64');
    flipped[0] ^= 1;
    expect(() => unseal(sealed, newDataKey(), 'walk-in-1', SeekerRegistration)).toThrow(UnsealableError);
    expect(() => unseal(sealed, key, 'walk-in-2', SeekerRegistration)).toThrow(UnsealableError);
    expect(() => unseal({ ...sealed, data: flipped.toString('base64') }, key, 'walk-in-1', SeekerRegistration)).toThrow(UnsealableError);
    expect(new UnsealableError('x')).toBeInstanceOf(PoisonEventError);
  });

  it('checks what it opens against the contract, naming the field but not its value', () => {
    const key = newDataKey();
    const sealed = seal({ ...registration, nationalId: 'not-an-id' }, key, 's');
    expect(() => unseal(sealed, key, 's', SeekerRegistration)).toThrow(/sealed\.nationalId/);
    expect(() => unseal(sealed, key, 's', SeekerRegistration)).not.toThrow(/not-an-id/);
  });

  it('wraps a data key with the key-encryption key, bound to its subject; another secret does not unwrap it', () => {
    const key = newDataKey();
    const wrapped = wrapKey(key, kek, 'seeker-1');
    expect(unwrapKey(wrapped, kek, 'seeker-1').equals(key)).toBe(true);
    expect(() => unwrapKey(wrapped, keyEncryptionKey('another-personal-data-key-of-forty-chars'), 'seeker-1')).toThrow(UnsealableError);
    expect(() => unwrapKey(wrapped, kek, 'seeker-2')).toThrow(UnsealableError);
  });

  it('a seeker event carries only the id and the sealed fields, and passes its contract', () => {
    const { phone: _contact, ...profile } = registration;
    const data: SealedSeekerSnapshot = { id: 'seeker-1', personal: seal({ ...profile, available: true }, newDataKey(), 'seeker-1') };
    const event = newEvent(SeekerRegistered, { source: 'seekers', aggregateId: 'seeker-1', aggregateVersion: 1, data });
    expect(checkEvent(event).ok).toBe(true);
    expect(checkEvent({ ...event, data: { id: 'seeker-1', ...profile, available: true } }).ok).toBe(false);
  });
});
