// When an execution ran, to the second and with its time zone: runs a second apart are told
// apart, and nobody wonders whose clock it is. UTC, so the server render, the browser and
// the worker's logs agree. (Issue 13 item 5 brings one formatting module with the user's
// time zone; this is the small local form until it lands.)
const pad = (n: number) => String(n).padStart(2, "0");

export function formatExecutionTime(d: Date | string | null | undefined): string {
  if (!d) return "—";
  const t = new Date(d);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} UTC`;
}

export function ExecutionTime({ at }: { at: Date | string | null | undefined }) {
  if (!at) return <>—</>;
  return <time dateTime={new Date(at).toISOString()}>{formatExecutionTime(at)}</time>;
}
