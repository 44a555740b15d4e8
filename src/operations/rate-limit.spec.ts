import { RateLimiter } from './rate-limit';

describe('RateLimiter: a token bucket per class and client', () => {
  const clock = () => {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('lets a client send its burst, then one more per refill interval, and says how long to wait', () => {
    const time = clock();
    const limiter = new RateLimiter({ expensive: { requests: 3, perSeconds: 30 } }, time.now);
    expect([1, 2, 3].map(() => limiter.take('expensive', 'a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('expensive', 'a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    time.advance(4_000);
    expect(limiter.take('expensive', 'a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    time.advance(6_000);
    expect(limiter.take('expensive', 'a')).toEqual({ allowed: true });
    expect(limiter.take('expensive', 'a').allowed).toBe(false);
    // Refills up to the burst, never past it.
    time.advance(3_600_000);
    expect([1, 2, 3, 4].map(() => limiter.take('expensive', 'a').allowed)).toEqual([true, true, true, false]);
  });

  it('keeps each client to its own bucket', () => {
    const limiter = new RateLimiter({ expensive: { requests: 1, perSeconds: 60 } }, clock().now);
    expect(limiter.take('expensive', '10.0.0.1').allowed).toBe(true);
    expect(limiter.take('expensive', '10.0.0.1').allowed).toBe(false);
    expect(limiter.take('expensive', '10.0.0.2').allowed).toBe(true);
  });

  it('has defaults, and a class turned off is never limited', () => {
    expect(new RateLimiter().limits).toEqual({ expensive: { requests: 30, perSeconds: 60 } });
    const off = new RateLimiter({ expensive: null });
    expect(Array.from({ length: 1000 }, () => off.take('expensive', 'a').allowed).every(Boolean)).toBe(true);
  });

  it('forgets clients whose bucket has refilled once it tracks many', () => {
    const time = clock();
    const limiter = new RateLimiter({ expensive: { requests: 1, perSeconds: 1 } }, time.now);
    for (let i = 0; i < 10_000; i++) limiter.take('expensive', `client-${i}`);
    time.advance(1_000);
    limiter.take('expensive', 'newcomer');
    const tracked = (limiter as unknown as { buckets: Map<string, Map<string, unknown>> }).buckets.get('expensive')!;
    expect(tracked.size).toBe(1);
    // A client still waiting is not forgotten.
    limiter.take('expensive', 'newcomer');
    expect(limiter.take('expensive', 'newcomer').allowed).toBe(false);
  });
});
