/**
 * What an access log line may say of a request URL: the path and which query parameters
 * were sent, never their values (a national ID, a name or a phone number is looked up by
 * query, e.g. `GET /seekers?nationalId=...`, and logs travel far beyond the centre).
 */
export function loggableUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const names = [...new URLSearchParams(url.slice(query + 1)).keys()];
  return `${url.slice(0, query)}?${names.map((name) => `${encodeURIComponent(name)}=[redacted]`).join('&')}`;
}

/** pino's request fields, with the URL as above and neither the parsed query nor route parameters' values. */
export function loggableRequest<R extends { url?: string; query?: unknown; params?: unknown }>(req: R): Omit<R, 'query' | 'params'> {
  const { query: _query, params: _params, ...rest } = req;
  return { ...rest, url: loggableUrl(req.url ?? '') };
}
