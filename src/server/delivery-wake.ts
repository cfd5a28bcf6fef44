// A nudge to this process's delivery worker when something was just enqueued. The worker
// (src/server/delivery.ts) is loaded by scripts/server/serve.ts, the routes by Astro's bundle: two
// copies of any module, so they meet on a process-wide symbol rather than a module variable.
const key = Symbol.for('cairn.delivery.wake');

type Holder = { [key]?: () => void };

export function onDeliveryWake(wake: (() => void) | undefined): void {
  (globalThis as Holder)[key] = wake;
}

/** Wakes the worker of this process, if it runs one; otherwise the message waits for a poll. */
export function wakeDelivery(): void {
  (globalThis as Holder)[key]?.();
}
