import { ConnectionBudget } from './connection-budget';

describe('ConnectionBudget', () => {
  it('runs callers within the budget at once and makes the others wait their turn', async () => {
    const budget = new ConnectionBudget(10);
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const started: number[] = [];
    const caller = (id: number) =>
      budget.use(5, async () => {
        running += 5;
        most = Math.max(most, running);
        started.push(id);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 5;
      });
    const all = [1, 2, 3, 4].map(caller);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2]);
    releases.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 2, 3]);
    while (releases.length || started.length < 4) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    expect(most).toBe(10);
  });

  it('gives the units back when the work fails', async () => {
    const budget = new ConnectionBudget(4);
    await expect(budget.use(4, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(budget.use(4, async () => 'ran')).resolves.toBe('ran');
  });

  it('lets a caller that asks for more than the whole budget run alone', async () => {
    const budget = new ConnectionBudget(2);
    await expect(budget.use(5, async () => 'alone')).resolves.toBe('alone');
  });
});
