import { identityProblems } from './attendance.dto';

describe('check-in identity', () => {
  it('wants exactly one of seekerId, nationalId, registration, naming the fields', () => {
    expect(identityProblems({ clientRef: 'c', seekerId: 's' })).toEqual([]);
    expect(identityProblems({ clientRef: 'c' })).toEqual(['seekerId: one of seekerId, nationalId or registration is required']);
    expect(identityProblems({ clientRef: 'c', seekerId: 's', nationalId: '001099012345' })).toEqual([
      'seekerId: give only one of seekerId, nationalId, registration',
      'nationalId: give only one of seekerId, nationalId, registration',
    ]);
  });
});
