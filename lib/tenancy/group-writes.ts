// Group commit for small writes many jobs make at once (the worker's sends marking their
// email SENT): a caller's item waits for the write under way for its workspace to end, then
// goes with every item that arrived meanwhile in one transaction. Each caller's promise
// settles when the write holding its item committed (or failed), so nothing is reported
// done before it is stored; under load, ten writes become one.
import "server-only";

export type GroupedWrite<T> = (tenantId: string, item: T) => Promise<void>;

export function groupWrites<T>(write: (tenantId: string, items: T[]) => Promise<void>): GroupedWrite<T> {
  const waiting = new Map<string, { items: T[]; settle: { resolve: () => void; reject: (err: unknown) => void }[] }>();
  const running = new Set<string>();
  const next = (tenantId: string): void => {
    const batch = waiting.get(tenantId);
    if (!batch) {
      running.delete(tenantId);
      return;
    }
    waiting.delete(tenantId);
    write(tenantId, batch.items).then(
      () => batch.settle.forEach((s) => s.resolve()),
      (err: unknown) => batch.settle.forEach((s) => s.reject(err)),
    ).finally(() => next(tenantId));
  };
  return (tenantId, item) =>
    new Promise<void>((resolve, reject) => {
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
