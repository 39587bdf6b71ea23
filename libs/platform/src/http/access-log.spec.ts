import { loggableRequest, loggableResponse, loggableUrl } from './access-log';

describe('the URL in an access log line', () => {
  it('keeps the path and the parameter names, never the values', () => {
    expect(loggableUrl('/api/seekers?nationalId=012345678901&limit=5')).toBe('/api/seekers?nationalId=[redacted]&limit=[redacted]');
  });

  it('is the URL itself when there is no query', () => {
    expect(loggableUrl('/api/fairs/0190a1b2/stats')).toBe('/api/fairs/0190a1b2/stats');
  });
});

describe('the request in an access log line', () => {
  it('carries neither the parsed query nor the route parameters', () => {
    const logged = loggableRequest({
      method: 'GET',
      url: '/seekers?nationalId=012345678901',
      query: { nationalId: '012345678901' },
      params: {},
    });
    expect(logged).toEqual({ method: 'GET', url: '/seekers?nationalId=[redacted]' });
    expect(JSON.stringify(logged)).not.toContain('012345678901');
  });
});

describe('headers in an access log line', () => {
  const req = { method: 'GET', url: '/fairs', headers: { 'user-agent': 'node', accept: '*/*' } };

  it('are left out at info level, for requests and responses', () => {
    expect(loggableRequest(req)).toEqual({ method: 'GET', url: '/fairs' });
    expect(loggableResponse({ statusCode: 200, headers: { etag: 'W/"2"' } })).toEqual({ statusCode: 200 });
  });

  it('are kept when debugging', () => {
    expect(loggableRequest(req, true)).toEqual(req);
    expect(loggableResponse({ statusCode: 200, headers: { etag: 'W/"2"' } }, true)).toEqual({
      statusCode: 200,
      headers: { etag: 'W/"2"' },
    });
  });
});
