// A per-address count of hits in a fixed window, in memory and synchronous: the tracking
// endpoints' rate limit (lib/email/public-routes.ts). Each address's window starts at its
// first hit and lasts `windowMs`; past `limit` hits in it, the address is refused until it
// ends. Ended windows are dropped by a sweep every `windowMs` (one timer for all, not one
// per address), so memory holds about one window's worth of addresses.
export class HitLimit {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a hit from `address`: true while it is within the limit, false when refused. */
  hit(address: string): boolean {
    const now = this.now();
    const w = this.windows.get(address);
    if (w && w.endsAt > now) return ++w.hits <= this.limit;
    this.windows.set(address, { hits: 1, endsAt: now + this.windowMs });
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), this.windowMs);
      this.sweeper.unref();
    }
    return this.limit >= 1;
  }

  /** Drops the windows that have ended (the timer calls it; tests may too). */
  sweep(): void {
    const now = this.now();
    for (const [address, w] of this.windows) if (w.endsAt <= now) this.windows.delete(address);
    if (this.windows.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  /** Addresses with a window held (tests). */
  get size(): number {
    return this.windows.size;
  }
}
