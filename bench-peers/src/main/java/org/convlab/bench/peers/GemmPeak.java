package org.convlab.bench.peers;

/**
 * One path to a large float32 matrix multiply {@code C = A B} with {@code A, B (n, n)}, timed to
 * find the practical peak of the machine: {@code 2 n^3} FLOPs per call.
 */
public interface GemmPeak extends AutoCloseable {

    /** A label such as {@code "pytorch-djl matmul"}. */
    String name();

    /** The matrix size this path runs when {@code requested} is asked for (a slow reference path may take less). */
    default int size(int requested) {
        return requested;
    }

    /** Allocates and fills {@code A} and {@code B} and sets the thread count. */
    void prepare(int n, int threads) throws Exception;

    /** Seconds taken by {@code calls} consecutive multiplies. */
    double time(int calls) throws Exception;

    @Override
    void close();
}
