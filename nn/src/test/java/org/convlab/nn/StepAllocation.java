package org.convlab.nn;

import java.lang.management.ManagementFactory;
import org.convlab.nn.init.Rng;
import org.convlab.nn.loss.CrossEntropyLoss;
import org.convlab.nn.models.ThreeLayerConvNet;
import org.convlab.nn.optim.SGD;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.parallel.Parallel;

/**
 * The bytes a training step of a {@link ThreeLayerConvNet} allocates once the JIT has compiled
 * its kernels: steps on one thread until five in a row allocate under {@link #BOUND} (interpreted
 * and C1-compiled Vector API code boxes its vectors until C2 compiles it), at most 5,000.
 * {@code main(in, c1, c2, size, batch)} prints {@code quiet <steps in a row> smallest <bytes>},
 * for a measurement in a JVM of its own.
 */
final class StepAllocation {
    /** One activation of the smallest model's first layer is 8*8*16*16*4 = 64 KiB. */
    static final long BOUND = 16 * 1024;

    /** Steps in a row under the bound at the end (5 when reached) and the smallest step's bytes. */
    record Result(int quietInARow, long smallest) {
    }

    private StepAllocation() {
    }

    static Result measure(int in, int c1, int c2, int size, int batch) {
        int before = Parallel.threads();
        Parallel.setThreads(1); // allocations are counted on this thread
        try {
            ThreeLayerConvNet model = new ThreeLayerConvNet(in, c1, c2, 10, size, size, new Rng(5));
            Tensor x = Tensor.zeros(batch, in, size, size).fill(0.1f);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = i % 10;
            }
            CrossEntropyLoss ce = new CrossEntropyLoss();
            SGD sgd = new SGD(model.parameters(), 0.01).momentum(0.9);
            com.sun.management.ThreadMXBean bean =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            int quietInARow = 0;
            long smallest = Long.MAX_VALUE;
            for (int i = 0; i < 5_000 && quietInARow < 5; i++) {
                long start = bean.getThreadAllocatedBytes(tid);
                sgd.zeroGrad();
                ce.forward(model.forward(x), labels);
                model.backward(ce.backward());
                sgd.step();
                long bytes = bean.getThreadAllocatedBytes(tid) - start;
                smallest = Math.min(smallest, bytes);
                quietInARow = bytes < BOUND ? quietInARow + 1 : 0;
            }
            return new Result(quietInARow, smallest);
        } finally {
            Parallel.setThreads(before);
        }
    }

    public static void main(String[] args) {
        int[] a = new int[5];
        for (int i = 0; i < 5; i++) {
            a[i] = Integer.parseInt(args[i]);
        }
        Result r = measure(a[0], a[1], a[2], a[3], a[4]);
        System.out.println("quiet " + r.quietInARow() + " smallest " + r.smallest());
    }
}
