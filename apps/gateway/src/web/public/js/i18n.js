// The words of the UI in Vietnamese (the default) and English. Each dictionary is a flat
// JSON file (i18n/<language>.json) of keys to words: labels and messages by screen, and
// the API's codes as `<kind>.<code>` (sector.agriculture). A unit test keeps both with
// the same keys and with words for every code of libs/contracts and libs/matching.
export const LANGUAGES = ['vi', 'en'];
const DEFAULT_LANGUAGE = 'vi';
const LOCALES = { vi: 'vi-VN', en: 'en-GB' };
/** Times are the centre's wherever the browser's clock is set (a borrowed laptop, a test machine). */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** The zone's offset, for turning a `datetime-local` value into an instant: Vietnam keeps no summer time. */
const ZONE_OFFSET = '+07:00';

const DAY = { day: '2-digit', month: '2-digit', year: 'numeric' };

const DEVICE_KEY = 'jobfair.language';
const userKey = (username) => `jobfair.language.${username}`;

let language = DEFAULT_LANGUAGE;
let words = {};
let formats;

export function currentLanguage() {
  return language;
}

/** The language a user chose last, else this device's last choice, else Vietnamese. */
export function preferredLanguage(username) {
  const stored = (username && localStorage.getItem(userKey(username))) ?? localStorage.getItem(DEVICE_KEY);
  return LANGUAGES.includes(stored) ? stored : DEFAULT_LANGUAGE;
}

/**
 * Remembers a choice: a signed-in user's for that user (each staff member at a shared
 * laptop keeps their own), one made on the sign-in screen for the device.
 */
export function rememberLanguage(chosen, username) {
  localStorage.setItem(username ? userKey(username) : DEVICE_KEY, chosen);
}

export async function useLanguage(chosen) {
  const response = await fetch(`i18n/${chosen}.json`);
  if (!response.ok) throw new Error(`i18n/${chosen}.json: HTTP ${response.status}`);
  words = await response.json();
  language = chosen;
  const locale = LOCALES[chosen];
  formats = {
    // Four-digit years: a birth date in 98 or 1998 must not be guessed.
    dateTime: new Intl.DateTimeFormat(locale, { ...DAY, hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
    date: new Intl.DateTimeFormat(locale, { ...DAY, timeZone: 'UTC' }),
    time: new Intl.DateTimeFormat(locale, { timeStyle: 'medium', timeZone: TIME_ZONE }),
    hour: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
    number: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
    countries: new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }),
  };
  document.documentElement.lang = chosen;
}

/** The words of `key`, with `{name}` filled from `params`; a missing key shows itself, so it is seen and fixed. */
export function t(key, params = {}) {
  const text = words[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The words of one of the API's codes (`term('sector', 'agriculture')`); an unknown code is shown as it is. */
export function term(kind, code) {
  if (code === undefined || code === null || code === '') return '';
  return words[`${kind}.${code}`] ?? String(code);
}

/**
 * The API's validation problems (`<field>: <problem>`, API.md Errors) that have words here:
 * class-validator's own (which start with the property's name) and the services' rules.
 */
const PROBLEMS = [
  ['empty', /^(?:\S+ )?should not be empty$/],
  ['notText', /^(?:\S+ )?must be a string$/],
  ['tooShort', /^(?:\S+ )?must be longer than or equal to (?<n>\d+) characters$/],
  ['tooLong', /^(?:\S+ )?must be shorter than or equal to (?<n>\d+) characters$/],
  ['oneOf', /^(?:\S+ )?must be one of the following values: (?<values>.*)$/],
  ['integer', /^(?:\S+ )?must be an integer number$/],
  ['atLeast', /^(?:\S+ )?must not be less than (?<n>\S+)$/],
  ['atMost', /^(?:\S+ )?must not be greater than (?<n>\S+)$/],
  ['date', /^(?:\S+ )?must be a valid ISO 8601 date string$/],
  ['country', /^(?:\S+ )?must be a valid ISO31661 Alpha2 code$/],
  ['unknownField', /^property \S+ should not exist$/],
  ['readable', /^must contain a letter or a digit$/],
  ['required', /^is required.*$/],
  ['future', /^must not be in the future$/],
  ['after', /^must be after (?<other>\w+)$/],
  ['notBefore', /^must not be before (?<other>\w+)$/],
  ['scoreOrLevel', /^a score or a level is required$/],
  ['levels', /^(?<test>\S+) levels are (?<values>.*)$/],
  ['pattern', /^(?:\S+ )?must match .* regular expression$/],
  ['quotasAddUp', /^firstTime \((?<firstTime>\d+)\) \+ returning \((?<returning>\d+)\) must equal positions \((?<positions>\d+)\)$/],
];
/** A field path as the API names it (`requirements.languageTests.0.test`). */
const FIELD_PATH = /^[A-Za-z][\w.]*$/;

/** A field of the API in words: its last named part (`test` of `languageTests.0.test`), or the path itself. */
function fieldInWords(path) {
  const name = path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .pop();
  return words[`field.${name}`] ?? path;
}

/**
 * One of the API's problems in the UI's words: the field's name and, for a problem known
 * here, its words; an unknown problem keeps the API's own after the field's name.
 */
export function problemInWords(message) {
  const at = message.indexOf(': ');
  const path = at > 0 ? message.slice(0, at) : '';
  if (!FIELD_PATH.test(path)) return message;
  const problem = message.slice(at + 2);
  for (const [key, pattern] of PROBLEMS) {
    const found = pattern.exec(problem);
    if (!found) continue;
    const params = { ...found.groups };
    if (params.other) params.other = fieldInWords(params.other);
    return `${fieldInWords(path)}: ${t(`problem.${key}`, params)}`;
  }
  return `${fieldInWords(path)}: ${problem}`;
}

/**
 * The codes of one kind, in the dictionary's order: the unit test keeps them exactly the
 * contracts' (libs/contracts), so a form's choices need no copy of that list.
 */
export function codesOf(kind) {
  const prefix = `${kind}.`;
  return Object.keys(words)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
}

/** A market or a country by its ISO code, in the language's own words (KR: Hàn Quốc). */
export function country(code) {
  return code ? formats.countries.of(code) : '';
}

/** An instant from the API, in the centre's time zone. */
export function formatDateTime(value) {
  return value ? formats.dateTime.format(new Date(value)) : '';
}

/** A calendar date from the API (YYYY-MM-DD, no zone): the same day everywhere. */
export function formatDate(value) {
  return value ? formats.date.format(new Date(`${String(value).slice(0, 10)}T00:00:00Z`)) : '';
}

export function formatTime(value) {
  return formats.time.format(value);
}

/** The hour of an instant at the centre (08:00), for a day's figures hour by hour. */
export function formatHour(value) {
  return formats.hour.format(new Date(value));
}

export function formatNumber(value) {
  return value === undefined || value === null || value === '' ? '' : formats.number.format(value);
}

/** A `datetime-local` value is wall time at the centre: the instant it means. */
export function centreInstant(local) {
  return local ? new Date(`${local}${local.length === 16 ? ':00' : ''}${ZONE_OFFSET}`).toISOString() : undefined;
}
