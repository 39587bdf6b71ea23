import { api, session, seg } from './api.js';

// Check-ins taken while the network is down (a commune hall with a weak signal): kept in
// this browser's localStorage, so a reload or a closed laptop loses none, and uploaded
// through the batch route when the network is back. Each keeps the clientRef it was given
// at the desk, so an upload repeated after a lost answer stores it once.
const KEY = 'jobfair.offlineCheckIns';
/** The batch route's limit (MAX_BATCH in apps/fairs). */
const BATCH_SIZE = 500;
const RETRY_MS = 10000;

function stored() {
  return JSON.parse(localStorage.getItem(KEY) ?? '[]');
}

function store(items) {
  localStorage.setItem(KEY, JSON.stringify(items));
  window.dispatchEvent(new Event('offline-queue'));
}

/** How many check-ins of the fair wait for the network. */
export function waitingCount(fairId) {
  return stored().filter((item) => item.fairId === fairId).length;
}

/** Keeps one check-in (`{nationalId or seekerId, clientRef}`) with the time it was taken. */
export function keep(fairId, checkIn) {
  store([...stored(), { fairId, ...checkIn, at: new Date().toISOString() }]);
}

let uploading = null;

/**
 * Sends what waits, one batch per fair; an item leaves the queue once the server answered
 * for it: stored, a duplicate, or refused (told as an `offline-refused` event, for the desk
 * to show). A network failure leaves everything for the next try. One upload at a time in a tab.
 */
export function upload() {
  uploading ??= (async () => {
    try {
      const fairs = [...new Set(stored().map((item) => item.fairId))];
      for (const fairId of fairs) {
        const batch = stored()
          .filter((item) => item.fairId === fairId)
          .slice(0, BATCH_SIZE);
        // The fair is the route's; undefined leaves the item in JSON.
        const items = batch.map((item) => ({ ...item, fairId: undefined }));
        const answer = await api(`/fairs/${seg(fairId)}/check-ins/batch`, { method: 'POST', body: { items } });
        const answered = new Set(answer.items.map((result) => result.clientRef));
        for (const result of answer.items.filter((r) => r.status === 'rejected')) {
          window.dispatchEvent(new CustomEvent('offline-refused', { detail: { item: batch[result.index], error: result.error } }));
        }
        // Read again: the desk may have kept more while the upload ran.
        store(stored().filter((item) => !answered.has(item.clientRef)));
      }
    } catch {
      // Offline again, or the server away: everything stays for the next try.
    } finally {
      uploading = null;
    }
  })();
  return uploading;
}

/** Uploads when the network comes back and every little while, for as long as a signed-in user has check-ins waiting. */
export function uploadWhenOnline() {
  const attempt = () => {
    if (session.token && navigator.onLine && stored().length) void upload();
  };
  window.addEventListener('online', attempt);
  setInterval(attempt, RETRY_MS);
  attempt();
}
