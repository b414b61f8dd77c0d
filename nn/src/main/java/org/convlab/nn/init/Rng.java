package org.convlab.nn.init;

/**
 * convlab's deterministic random number generator: SplitMix64 (Steele, Lea and Flood, 2014),
 * written out here so that a seed gives the same numbers on every JDK and platform.
 * <pre>
 *   state += 0x9E3779B97F4A7C15
 *   z = state; z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *   next = z ^ (z >>> 31)
 * </pre>
 * {@link #nextDouble()} takes the top 53 bits. It does not reproduce PyTorch's generator:
 * initial weights follow PyTorch's distributions, not its exact draws. Not thread-safe.
 */
public final class Rng {
    private long state;

    /** A generator whose sequence is fixed by {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [lo, hi)}, rounded to float. */
    public float uniform(double lo, double hi) {
        return (float) (lo + (hi - lo) * nextDouble());
    }

    /** Uniform integer in {@code [0, bound)}, without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long r = nextLong() >>> 1;
        long m = bound;
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % m);
        while (r >= limit) {
            r = nextLong() >>> 1;
        }
        return (int) (r % m);
    }

    /** Standard normal by the Box-Muller transform (two uniforms per draw, no caching). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        // StrictMath: the same draws on every JDK and CPU.
        return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }

    /** An independent generator seeded from this one's next output (for a separate stream, e.g. shuffling). */
    public Rng fork() {
        return new Rng(nextLong());
    }

    /** Shuffles {@code a} in place (Fisher-Yates, from the last element down). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
