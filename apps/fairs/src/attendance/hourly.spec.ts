import { checkInsByHour } from './hourly';

describe('check-ins by hour', () => {
  it('counts arrivals per hour from the first to the last, with the empty hours between', () => {
    expect(
      checkInsByHour(['2030-09-12T08:59:59+07:00', '2030-09-12T01:05:00Z', '2030-09-12T03:30:00Z', '2030-09-12T08:10:00+07:00']),
    ).toEqual([
      { from: '2030-09-12T01:00:00.000Z', checkIns: 3 },
      { from: '2030-09-12T02:00:00.000Z', checkIns: 0 },
      { from: '2030-09-12T03:00:00.000Z', checkIns: 1 },
    ]);
    expect(checkInsByHour([])).toEqual([]);
  });
});
