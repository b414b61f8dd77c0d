package org.convlab.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH secondary result that counts GFLOPs done; JMH reports its rate, i.e. GFLOP/s, next to
 * the primary operations-per-second figure. Benchmarks add {@code flops * 1e-9} per operation.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Gflops {
    public double gflop;
}
