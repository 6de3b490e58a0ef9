// Group commit for small writes many jobs make at once (the worker's sends claiming their
// email, then marking it SENT): a caller's item waits for the write under way for its
// workspace to end, then goes with every item that arrived meanwhile in one transaction.
// Each caller's promise settles with its own item's answer when the write holding it
// committed (or failed), so nothing is reported done before it is stored; under load, ten
// transactions become one.
import "server-only";

export type GroupedWrite<T, R> = (tenantId: string, item: T) => Promise<R>;

/** `write` answers one result per item, in the items' order. */
export function groupWrites<T, R = void>(write: (tenantId: string, items: T[]) => Promise<R[] | void>): GroupedWrite<T, R> {
  const waiting = new Map<string, { items: T[]; settle: { resolve: (r: R) => void; reject: (err: unknown) => void }[] }>();
  const running = new Set<string>();
  const next = (tenantId: string): void => {
    const batch = waiting.get(tenantId);
    if (!batch) {
      running.delete(tenantId);
      return;
    }
    waiting.delete(tenantId);
    write(tenantId, batch.items)
      .then(
        (out) => batch.settle.forEach((s, i) => s.resolve((out ? out[i] : undefined) as R)),
        (err: unknown) => batch.settle.forEach((s) => s.reject(err)),
      )
      .finally(() => next(tenantId));
  };
  return (tenantId, item) =>
    new Promise<R>((resolve, reject) => {
      let batch = waiting.get(tenantId);
      if (!batch) waiting.set(tenantId, (batch = { items: [], settle: [] }));
      batch.items.push(item);
      batch.settle.push({ resolve, reject });
      if (!running.has(tenantId)) {
        running.add(tenantId);
        // the rest of this turn's items go in the first write too
        setImmediate(() => next(tenantId));
      }
    });
}
