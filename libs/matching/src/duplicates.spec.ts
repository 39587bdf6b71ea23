import { DUPLICATE_SCORE, MAX_RECORDS_PER_PHONE, comparePeople, findDuplicatePairs, normalizedPhone, pairKey } from './duplicates';

const person = (id: string, fullName: string, birthDate = '1998-04-21', phone?: string) => ({ id, fullName, birthDate, phone });

describe('duplicate records', () => {
  it('finds the same name without diacritics, case or spacing, and the same birth date', () => {
    expect(comparePeople(person('a', 'Nguyễn Văn Đức'), person('b', 'nguyen vanduc'))).toEqual({
      score: DUPLICATE_SCORE.sameNameBirth,
      reasons: ['same-name-birth'],
    });
  });

  it('finds the given name written first, a little less sure', () => {
    expect(comparePeople(person('a', 'Nguyễn Văn Đức'), person('b', 'Đức Nguyễn Văn'))).toEqual({
      score: DUPLICATE_SCORE.reorderedNameBirth,
      reasons: ['same-name-birth'],
    });
  });

  it('does not pair the same name born on another day, nor another name', () => {
    expect(comparePeople(person('a', 'Nguyen Van Duc'), person('b', 'Nguyen Van Duc', '1998-04-22'))).toBeNull();
    expect(comparePeople(person('a', 'Nguyen Van Duc'), person('b', 'Nguyen Van Dung'))).toBeNull();
  });

  it('pairs the same phone in any form, surer with the same name', () => {
    expect(normalizedPhone('+84 912 345 678')).toBe('0912345678');
    expect(
      comparePeople(person('a', 'Tran Thi Mai', '1990-01-01', '+84 912 345 678'), person('b', 'Le Van Hung', '1985-02-02', '0912345678')),
    ).toEqual({
      score: DUPLICATE_SCORE.samePhone,
      reasons: ['same-phone'],
    });
    expect(
      comparePeople(person('a', 'Tran Thi Mai', '1990-01-01', '0912345678'), person('b', 'Tran Thi Mai', '1990-01-01', '0912 345 678')),
    ).toEqual({
      score: DUPLICATE_SCORE.max,
      reasons: ['same-name-birth', 'same-phone'],
    });
  });

  it('lists each pair once, surest first, in a stable order', () => {
    const pairs = findDuplicatePairs([
      person('c', 'Le Van Hung', '1985-02-02', '0912345678'),
      person('b', 'Nguyen Van Duc'),
      person('a', 'Nguyễn Văn Đức', '1998-04-21', '0912345678'),
      person('d', 'Pham Minh'),
    ]);
    expect(pairs.map((p) => [pairKey(p.a, p.b), p.score])).toEqual([
      ['a|b', DUPLICATE_SCORE.sameNameBirth],
      ['a|c', DUPLICATE_SCORE.samePhone],
    ]);
  });

  it("does not pair the records of an office's phone", () => {
    const office = Array.from({ length: MAX_RECORDS_PER_PHONE + 1 }, (_, i) => person(`p${i}`, `Person ${i}`, '1990-01-01', '0241234567'));
    expect(findDuplicatePairs(office)).toEqual([]);
  });
});
