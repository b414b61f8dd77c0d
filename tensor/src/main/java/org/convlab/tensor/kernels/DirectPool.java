package org.convlab.tensor.kernels;

import java.util.Arrays;
import org.convlab.tensor.parallel.Parallel;

/**
 * Pooling as direct loops in float, parallel over fixed chunks of channel planes (each plane
 * is independent, so the result never depends on the thread count). See {@link PoolKernels}.
 */
public final class DirectPool implements PoolKernels {
    /** Planes per chunk at most: the chunk count is fixed by the problem. */
    private static final int MAX_CHUNKS = 32;

    @Override
    public void maxForward(ConvPlan p, int n, float[] x, float[] y, int[] argmax) {
        int planes = n * p.channels;
        int chunks = Chunks.count(planes, MAX_CHUNKS);
        Parallel.forEach(chunks, ch -> {
            for (int pl = Chunks.start(ch, chunks, planes); pl < Chunks.end(ch, chunks, planes); pl++) {
                int in = pl * p.inputPlane();
                int out = pl * p.outputPlane();
                for (int oy = 0; oy < p.outH; oy++) {
                    for (int ox = 0; ox < p.outW; ox++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int ki = 0; ki < p.kernelH; ki++) {
                            int iy = p.rowSource(ki, oy);
                            if (iy < 0) {
                                continue;
                            }
                            for (int kj = 0; kj < p.kernelW; kj++) {
                                int ix = p.colSource(kj, ox);
                                if (ix < 0) {
                                    continue;
                                }
                                int idx = iy * p.width + ix;
                                float v = x[in + idx];
                                if (at < 0 || v > best || Float.isNaN(v)) {
                                    best = v;
                                    at = idx;
                                }
                            }
                        }
                        int o = out + oy * p.outW + ox;
                        y[o] = best;
                        argmax[o] = at;
                    }
                }
            }
        });
    }

    @Override
    public void maxBackward(ConvPlan p, int n, float[] dy, int[] argmax, float[] dx) {
        int planes = n * p.channels;
        int chunks = Chunks.count(planes, MAX_CHUNKS);
        Parallel.forEach(chunks, ch -> {
            int first = Chunks.start(ch, chunks, planes);
            int last = Chunks.end(ch, chunks, planes);
            Arrays.fill(dx, first * p.inputPlane(), last * p.inputPlane(), 0f);
            for (int pl = first; pl < last; pl++) {
                int in = pl * p.inputPlane();
                int out = pl * p.outputPlane();
                for (int o = 0; o < p.outputPlane(); o++) {
                    int at = argmax[out + o];
                    if (at >= 0) {
                        dx[in + at] += dy[out + o];
                    }
                }
            }
        });
    }

    @Override
    public void avgForward(ConvPlan p, int n, boolean countIncludePad, float[] x, float[] y) {
        int planes = n * p.channels;
        int chunks = Chunks.count(planes, MAX_CHUNKS);
        Parallel.forEach(chunks, ch -> {
            for (int pl = Chunks.start(ch, chunks, planes); pl < Chunks.end(ch, chunks, planes); pl++) {
                int in = pl * p.inputPlane();
                int out = pl * p.outputPlane();
                for (int oy = 0; oy < p.outH; oy++) {
                    for (int ox = 0; ox < p.outW; ox++) {
                        float s = 0f;
                        for (int ki = 0; ki < p.kernelH; ki++) {
                            int iy = p.rowSource(ki, oy);
                            if (iy < 0) {
                                continue;
                            }
                            for (int kj = 0; kj < p.kernelW; kj++) {
                                int ix = p.colSource(kj, ox);
                                if (ix >= 0) {
                                    s += x[in + iy * p.width + ix];
                                }
                            }
                        }
                        y[out + oy * p.outW + ox] = s / PoolDivisor.of(p, oy, ox, countIncludePad);
                    }
                }
            }
        });
    }

    @Override
    public void avgBackward(ConvPlan p, int n, boolean countIncludePad, float[] dy, float[] dx) {
        int planes = n * p.channels;
        int chunks = Chunks.count(planes, MAX_CHUNKS);
        Parallel.forEach(chunks, ch -> {
            int first = Chunks.start(ch, chunks, planes);
            int last = Chunks.end(ch, chunks, planes);
            Arrays.fill(dx, first * p.inputPlane(), last * p.inputPlane(), 0f);
            for (int pl = first; pl < last; pl++) {
                int in = pl * p.inputPlane();
                int out = pl * p.outputPlane();
                for (int oy = 0; oy < p.outH; oy++) {
                    for (int ox = 0; ox < p.outW; ox++) {
                        float g = dy[out + oy * p.outW + ox] / PoolDivisor.of(p, oy, ox, countIncludePad);
                        for (int ki = 0; ki < p.kernelH; ki++) {
                            int iy = p.rowSource(ki, oy);
                            if (iy < 0) {
                                continue;
                            }
                            for (int kj = 0; kj < p.kernelW; kj++) {
                                int ix = p.colSource(kj, ox);
                                if (ix >= 0) {
                                    dx[in + iy * p.width + ix] += g;
                                }
                            }
                        }
                    }
                }
            }
        });
    }
}
