// The public API on this origin (/api), with the bearer token of the signed-in user.
// The token lives in sessionStorage: it ends with the browser tab.
import { t } from './i18n.js';

const TOKEN_KEY = 'jobfair.accessToken';
/** Who the token is (GET /auth/me), kept for a reload without a network. */
const ACTOR_KEY = 'jobfair.actor';

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  get actor() {
    return JSON.parse(sessionStorage.getItem(ACTOR_KEY) ?? 'null');
  },
  start(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  remember(actor) {
    sessionStorage.setItem(ACTOR_KEY, JSON.stringify(actor));
  },
  end() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ACTOR_KEY);
    window.dispatchEvent(new Event('session-ended'));
  },
};

/** An answer other than 2xx; `messages` are the API's own (a 400 names each field). */
export class ApiError extends Error {
  constructor(status, messages) {
    super(messages.join('; '));
    this.status = status;
    this.messages = messages;
  }
}

function errorMessages(status, text) {
  try {
    const { message, error } = JSON.parse(text);
    const messages = Array.isArray(message) ? message : [message ?? error];
    return messages.filter(Boolean).map(String);
  } catch {
    return [text || `HTTP ${status}`];
  }
}

/** Calls `/api<path>`; resolves to the parsed JSON (or the text for other types), throws ApiError otherwise. */
export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const headers = { accept };
  const token = session.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, [t('error.unreachable')]);
  }
  const text = await response.text();
  // An expired token: back to the sign-in screen (a wrong password has no token yet).
  if (response.status === 401 && token) session.end();
  if (!response.ok) throw new ApiError(response.status, errorMessages(response.status, text));
  if (!text) return null;
  return accept === 'application/json' ? JSON.parse(text) : text;
}

/** A national ID as the API takes it (NATIONAL_ID_PATTERN of libs/contracts); other scanned text is a seeker id. */
export const NATIONAL_ID = /^[0-9A-Z]{9,12}$/;

/** `?a=1&b=x` from the given values, leaving out the empty ones. */
export function query(params) {
  const defined = Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return defined.length ? `?${new URLSearchParams(defined)}` : '';
}

/** A path segment built from data: always encoded. */
export function seg(value) {
  return encodeURIComponent(value);
}
