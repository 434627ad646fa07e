/** First wait after the outbox ran empty: right after a burst, more work tends to follow. */
export const RELAY_MIN_INTERVAL_MS = 5;

/**
 * When the relay polls the outbox next: at once after a pass that relayed jobs (more may be due); after an empty
 * pass it waits RELAY_MIN_INTERVAL_MS, doubling the wait after each further empty pass up to `maxIdleMs`. A busy
 * outbox is drained without pauses, and an idle worker costs Postgres one cheap query per `maxIdleMs`.
 */
export function relaySchedule(maxIdleMs: number) {
  const first = Math.min(RELAY_MIN_INTERVAL_MS, maxIdleMs);
  let idleMs = first;
  return {
    /** The wait before the next pass, given how many jobs this pass relayed. */
    afterPass(relayed: number): number {
      if (relayed > 0) {
        idleMs = first;
        return 0;
      }
      const wait = idleMs;
      idleMs = Math.min(idleMs * 2, maxIdleMs);
      return wait;
    },
  };
}
