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

/**
 * pino's request fields, with the URL as above and neither the parsed query nor route parameters'
 * values; the headers only when asked (debug logging): at every request they were most of the line.
 */
export function loggableRequest<R extends { url?: string; query?: unknown; params?: unknown; headers?: unknown }>(
  req: R,
  withHeaders = false,
): Omit<R, 'query' | 'params' | 'headers'> & { headers?: R['headers'] } {
  const { query: _query, params: _params, headers, ...rest } = req;
  return { ...rest, ...(withHeaders ? { headers } : {}), url: loggableUrl(req.url ?? '') };
}

/** pino's response fields: the status, and the headers only when asked (debug logging). */
export function loggableResponse<R extends { statusCode?: number }>(res: R, withHeaders = false): R | { statusCode?: number } {
  return withHeaders ? res : { statusCode: res.statusCode };
}
