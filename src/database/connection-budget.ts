// A budget of pooled connections for work that holds several at once (readSnapshot). Each
// caller takes all its connections before it starts; callers past the budget wait their turn.
// Without it, a few such reads at once (the public transparency report, five connections
// each) could each hold part of what they need while waiting for the rest: every connection
// of the pool taken, and no request of the desk could go on.
export class ConnectionBudget {
  private free: number;
  private readonly waiting: Array<{ units: number; start: () => void }> = [];

  constructor(readonly total: number) {
    this.free = total;
  }

  async use<T>(units: number, work: () => Promise<T>): Promise<T> {
    const needed = Math.min(units, this.total);
    if (this.waiting.length || this.free < needed) await new Promise<void>((start) => this.waiting.push({ units: needed, start }));
    else this.free -= needed;
    try {
      return await work();
    } finally {
      this.free += needed;
      this.wakeNext();
    }
  }

  // First come, first served: a large request is not overtaken for ever by small ones.
  private wakeNext(): void {
    while (this.waiting.length && this.waiting[0].units <= this.free) {
      const next = this.waiting.shift()!;
      this.free -= next.units;
      next.start();
    }
  }
}
