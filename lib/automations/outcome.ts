/** What one attempt of an action came to: done, failed for good, or worth another try. */
export interface Outcome {
  result: "succeeded" | "failed" | "retry";
  responseCode?: number | null;
  /** A bounded excerpt of what the other side answered (or what the action produced). */
  responseBody?: string | null;
  error?: string | null;
  /** The receiver's Retry-After, in ms. */
  retryAfterMs?: number | null;
  /** What was sent (the execution log shows it; never a secret). */
  request?: unknown;
}

export const failed = (error: string, extra: Partial<Outcome> = {}): Outcome => ({ result: "failed", error, ...extra });
