package org.convlab.tensor.simd;

import static org.convlab.tensor.simd.MicroKernel.MR;
import static org.convlab.tensor.simd.MicroKernel.NR;

import org.convlab.tensor.kernels.Gemm;
import org.convlab.tensor.kernels.PackedB;
import org.convlab.tensor.parallel.Parallel;

/**
 * Cache-blocked, packed, multithreaded SGEMM on the Vector API:
 * <pre>  C = alpha * op(A) * op(B) + beta * C</pre>
 * with the contract of {@link Gemm} ({@code op(A)} is {@code (m, k)}, {@code op(B)} is
 * {@code (k, n)}, {@code C} is {@code (m, n)}, row-major; {@code beta == 0} means C is not read).
 *
 * <p>Blocking: the depth is split into {@code ceil(k / KC)} equal blocks of at most {@link #KC}
 * (so a {@code kc x NR} panel of B or a {@code kc x MR} panel of A sits in L1), C into
 * chunks of at most {@link #NC} columns (and {@link #MCHUNK} rows on several threads), as few as give every thread
 * the same share ({@link GemmChunks}). Each chunk packs its rows of A in blocks of {@link #MC}
 * (a packed block sits in L2) once per depth block, then sweeps the
 * {@link MicroKernel}'s tiles over the packed panels: row panels outside and B strips inside at
 * 512 bits and where a chunk's B block fits in L2, else B strips outside ({@link #A_OUTER}), and
 * B strips outside for a large packed B ({@link #STREAMED_PACKED_FLOATS}).
 *
 * <p>Determinism: every element of C is summed in the same order — depth blocks in order, each
 * by one fused multiply-add per depth step — whatever the chunking or the thread count, so 1
 * and N threads give identical bits. Chunks run through {@link Parallel#forEach}.
 *
 * <p>Packing buffers are per thread and reused: a call allocates nothing in steady state beyond
 * its grid and the task object handed to the pool. A B used for many products ({@link #pack}: a layer's
 * weights during inference) is packed once into the strips every chunk would pack, for every
 * depth block, and its products skip packing it.
 */
public final class SimdGemm implements Gemm {
    /** Maximum depth block. */
    static final int KC = Integer.getInteger("convlab.gemm.kc", 320);
    /** Rows of A packed at a time (a multiple of {@code MR}): the packed block sits in L2. */
    static final int MC = Integer.getInteger("convlab.gemm.mc", 144);
    /** The core's level-2 cache in bytes, 0 if unknown ({@link CacheSize}): it sets {@link #A_OUTER} and {@link #NC}. */
    private static final long L2_BYTES = CacheSize.level2Bytes();
    /** Loop order of a chunk: row panels outside, B strips inside ({@link #rowPanelsOutside}). */
    static final boolean A_OUTER = rowPanelsOutside(MR, L2_BYTES);
    /**
     * Maximum columns per chunk (a multiple of {@code NR}); B is packed per chunk and depth block,
     * and A once per chunk: with row panels outside {@link #columnsPerChunk} of the core's L2,
     * else 512.
     */
    static final int NC = Integer.getInteger("convlab.gemm.nc", A_OUTER ? columnsPerChunk(L2_BYTES) : 512);
    /** Maximum rows per chunk on several threads (one thread takes all rows in one chunk). */
    static final int MCHUNK = 4 * MC;
    /** Floating-point operations below which work is not split further for threads. */
    static final double GRAIN = 2e6;
    /**
     * A B packed once ({@link #pack}) of at least this many floats (1 MiB, half this Xeon's L2)
     * is read from memory by each product (an MLP-3072-4000's 3072 x 4000 weights: 49 MB); its
     * chunks sweep B strips outside and row panels inside even at 512 bits, so that each strip
     * comes from memory once and feeds every row panel in turn, where row panels outside read
     * the whole block from memory during the first panel's sweep (MLP-3072-4000 inference, one
     * thread, 12 interleaved JVM pairs: 1,170 -> 1,280 images/s, medians).
     */
    static final int STREAMED_PACKED_FLOATS = 1 << 18;

    /**
     * Whether a chunk sweeps its row panels outside and B strips inside, for panels of {@code mr}
     * rows and a level-2 cache of {@code l2Bytes}. Always at 512 bits ({@code mr == 12}): there a
     * B strip ({@code KC x 2L} = 40 KiB) leaves no room in L1 for the A panels streaming past it,
     * while the 12-row A panel ({@code KC x 12} = 15 KiB) stays in L1 as the strips stream from
     * the packed B block in L2. At the narrower widths where a chunk's B block ({@code KC x 512}
     * columns, 640 KiB) takes at most two thirds of L2 (AMD Zen 4's 1 MiB; not Zen 3's 512 KiB)
     * as well: row panels outside walk C along its rows, which the hardware prefetcher follows,
     * where B strips outside walk it down its columns, a new 4 KiB page for each row of a tile,
     * and each tile's epilogue waits for its rows of C (the 1024³ product at 256 bits on Zen 4:
     * 17% of the 6 x 16 tile's samples in its epilogue against 6%, 1.03x). Elsewhere the strips
     * go outside: each strip (20 KiB at 256 bits) stays in L1 for its sweep, packed just before it.
     */
    static boolean rowPanelsOutside(int mr, long l2Bytes) {
        return mr == 12 || blockFits(512, l2Bytes);
    }

    /**
     * Columns per chunk with row panels outside: 1024 where a {@code KC x 1024} block of packed B
     * (1.25 MiB) takes at most two thirds of the core's L2 ({@code l2Bytes}; 2 MiB on the Xeon
     * measured), else 512.
     * Row panels outside ({@link #A_OUTER}) read a chunk's whole B block from L2 for every panel,
     * so it must stay there; each chunk packs its rows of A again, so fewer, wider chunks pack A
     * fewer times: the 1024³ product on one thread, 1024 columns against 512, five interleaved
     * JVM pairs, 1.01-1.06x in four (the fifth disturbed). L2s of 1.25 MiB or less (other Xeons,
     * AMD Zen 4) keep 512; 1024 at the narrower widths (an L2 of 2 MiB and AVX2) is not measured.
     */
    static int columnsPerChunk(long l2Bytes) {
        return blockFits(1024, l2Bytes) ? 1024 : 512;
    }

    /** Whether a {@code KC x columns} block of packed B takes at most two thirds of an L2 of {@code l2Bytes}. */
    private static boolean blockFits(int columns, long l2Bytes) {
        return 3L * KC * columns * Float.BYTES <= 2L * l2Bytes;
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** Per-thread packing buffers. */
    private static final class Workspace {
        final float[] ap = new float[(MC + 2 * MR) * KC];
        final float[] bp = new float[KC * NC];
        final float[] tile = new float[MR * NR];
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        multiply(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, null, beta, c, cOff, ldc);
    }

    /**
     * B's strips as {@link #chunk} packs them, for the whole width and every depth block: block
     * {@code q} (from depth {@code p0 = q * kc}) starts at {@code p0 * strips * NR}, its strip
     * {@code t} at {@code t * kcb * NR} after that, so a chunk's strips from column {@code j0}
     * (a multiple of NR) are a slice.
     */
    private record Panels(int k, int n, int strips, float[] bp) implements PackedB {
        int offset(int p0, int kcb, int j0) {
            return p0 * strips * NR + (j0 / NR) * kcb * NR;
        }
    }

    @Override
    public PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (k <= 0 || n <= 0) {
            return new Panels(Math.max(k, 0), Math.max(n, 0), 0, new float[0]);
        }
        int kc = depthBlock(k);
        int strips = (n + NR - 1) / NR;
        float[] bp = new float[Math.multiplyExact(k, strips * NR)];
        for (int p0 = 0; p0 < k; p0 += kc) {
            int kcb = Math.min(kc, k - p0);
            float[] block = new float[kcb * strips * NR];
            GemmPacking.packB(transB, b, bOff, ldb, p0, kcb, 0, n, block);
            System.arraycopy(block, 0, bp, p0 * strips * NR, block.length);
        }
        return new Panels(k, n, strips, bp);
    }

    @Override
    public void sgemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda,
                      PackedB b, float beta, float[] c, int cOff, int ldc) {
        if (!(b instanceof Panels panels)) {
            throw new IllegalArgumentException("SimdGemm cannot use " + b.getClass().getSimpleName()
                    + ", packed by another GEMM");
        }
        multiply(transA, false, m, panels.n(), panels.k(), alpha, a, aOff, lda, null, 0, 0, panels,
                beta, c, cOff, ldc);
    }

    /**
     * {@code op(A)}, {@code (m, k)}, packed once as the left operand of many products
     * ({@link #multiply(RowPanels, boolean, int, float, float[], int, int, float, float[], int, int)}):
     * row panels as {@link #chunk} packs them, for every depth block. Block {@code q} (from depth
     * {@code p0 = q * kc}) starts at {@code p0 * panels * MR}, its panel {@code s} (rows from
     * {@code s * MR}) at {@code s * kcb * MR} after that.
     *
     * @param panels row panels of the whole height
     */
    record RowPanels(int m, int k, int panels, float[] ap) {
        int offset(int p0, int kcb, int panel) {
            return p0 * panels * MR + panel * kcb * MR;
        }
    }

    /**
     * Packs {@code op(A)} ({@code (m, k)}; stored {@code (k, m)} when {@code transA}) into
     * {@link RowPanels}: panel {@code s} holds rows {@code [s*MR, s*MR + MR)} (the last one fewer,
     * zero-padded), so a product's panels are found from its rows alone.
     */
    static RowPanels packRows(boolean transA, int m, int k, float[] a, int aOff, int lda) {
        int panels = (Math.max(m, 0) + MR - 1) / MR;
        if (k <= 0 || m <= 0) {
            return new RowPanels(Math.max(m, 0), Math.max(k, 0), panels, new float[0]);
        }
        int kc = depthBlock(k);
        float[] ap = new float[Math.addExact(Math.multiplyExact(k, panels * MR), GemmPacking.A_SPILL)];
        RowPanels packed = new RowPanels(m, k, panels, ap);
        for (int p0 = 0; p0 < k; p0 += kc) {
            int kcb = Math.min(kc, k - p0);
            for (int s = 0; s < panels; s++) {
                GemmPacking.packA(transA, a, aOff, lda, s * MR, Math.min(MR, m - s * MR), p0, kcb, ap,
                        packed.offset(p0, kcb, s));
            }
        }
        return packed;
    }

    /**
     * {@code C = alpha * A * op(B) + beta * C} with A packed once ({@link #packRows}); {@code op(B)}
     * is {@code (k, n)}, {@code C} is {@code (m, n)}. The same bits as {@link #sgemm} of the
     * unpacked A. The threads' chunks are {@link GemmChunks#ofPackedA}'s; each sweeps its row
     * panels of A, panel outside and B strips inside (the panel stays in L1, the chunk's strips
     * in L2).
     */
    static void multiply(RowPanels a, boolean transB, int n, float alpha, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        int m = a.m();
        int k = a.k();
        if (empty(m, n, k, beta, c, cOff, ldc)) {
            return;
        }
        int kc = depthBlock(k);
        int threads = Parallel.serial() ? 1 : Parallel.threads();
        GemmChunks grid = GemmChunks.ofPackedA(m, n, k, threads, a.ap().length >= STREAMED_PACKED_FLOATS);
        if (grid.count() == 1 || threads == 1) {
            for (int id = 0; id < grid.count(); id++) {
                rowPanelsChunk(a, kc, transB, grid, id, n, alpha, b, bOff, ldb, beta, c, cOff, ldc);
            }
            return;
        }
        Parallel.forEach(grid.count(), id -> rowPanelsChunk(a, kc, transB, grid, id, n, alpha, b, bOff, ldb, beta,
                c, cOff, ldc));
    }

    /**
     * Chunk {@code id} of the grid of
     * {@link #multiply(RowPanels, boolean, int, float, float[], int, int, float, float[], int, int)}:
     * its columns of B packed per depth block, then each of its row panels swept across them.
     */
    private static void rowPanelsChunk(RowPanels a, int kc, boolean transB, GemmChunks grid, int id, int n,
                                       float alpha, float[] b, int bOff, int ldb, float beta,
                                       float[] c, int cOff, int ldc) {
        Workspace ws = WORKSPACE.get();
        int m = a.m();
        int i0 = grid.firstRow(id);
        int i1 = Math.min(m, i0 + grid.rows());
        int j0 = grid.firstCol(id);
        int j1 = Math.min(n, j0 + grid.cols());
        for (int p0 = 0; p0 < a.k(); p0 += kc) {
            int kcb = Math.min(kc, a.k() - p0);
            float betaBlock = p0 == 0 ? beta : 1f;
            GemmPacking.packB(transB, b, bOff, ldb, p0, kcb, j0, j1 - j0, ws.bp);
            for (int s = i0 / MR; s * MR < i1; s++) {
                int i = s * MR;
                int rows = Math.min(MR, m - i);
                int aIdx = a.offset(p0, kcb, s);
                for (int j = j0, t = 0; j < j1; j += NR, t++) {
                    MicroKernel.panel(a.ap(), aIdx, ws.bp, t * kcb * NR, kcb, c, cOff + i * ldc + j, ldc,
                            rows, Math.min(NR, j1 - j), alpha, betaBlock, ws.tile);
                }
            }
        }
    }

    /** The depth block of a depth {@code k}: {@code ceil(k / KC)} equal blocks. */
    private static int depthBlock(int k) {
        int kBlocks = (k + KC - 1) / KC;
        return (k + kBlocks - 1) / kBlocks;
    }

    /** The product, B packed here per chunk or ({@code packed != null}) already. */
    private static void multiply(boolean transA, boolean transB, int m, int n, int k,
                                 float alpha, float[] a, int aOff, int lda,
                                 float[] b, int bOff, int ldb, Panels packed,
                                 float beta, float[] c, int cOff, int ldc) {
        if (empty(m, n, k, beta, c, cOff, ldc)) {
            return;
        }
        int kc = depthBlock(k);

        // Chunks of C: their shape never changes a result (see the class comment), only speed.
        boolean serial = Parallel.serial();
        GemmChunks grid = GemmChunks.of(m, n, k, serial ? 1 : Parallel.threads(), packed != null);
        if (grid.count() == 1 || serial) {
            // On the calling thread (one thread, or inside a convolution's image chunk): the same
            // chunks in a plain loop, without the task object (a 1-channel convolution multiplies
            // per image, 64 times a step).
            for (int id = 0; id < grid.count(); id++) {
                chunk(transA, transB, grid, id, m, n, k, kc, alpha, a, aOff, lda, b, bOff, ldb, packed,
                        beta, c, cOff, ldc);
            }
            return;
        }
        Parallel.forEach(grid.count(), id -> chunk(transA, transB, grid, id, m, n, k, kc, alpha, a, aOff, lda,
                b, bOff, ldb, packed, beta, c, cOff, ldc));
    }

    /** Chunk {@code id} of the grid. */
    private static void chunk(boolean transA, boolean transB, GemmChunks grid, int id, int m, int n, int k, int kc,
                              float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, Panels packed,
                              float beta, float[] c, int cOff, int ldc) {
        int i0 = grid.firstRow(id);
        int j0 = grid.firstCol(id);
        chunk(transA, transB, i0, Math.min(m, i0 + grid.rows()), j0, Math.min(n, j0 + grid.cols()), k, kc,
                alpha, a, aOff, lda, b, bOff, ldb, packed, beta, c, cOff, ldc);
    }

    /**
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C, depth block by depth
     * block. Each {@link #MC}-row block of A is packed once per depth block. B is packed as a
     * whole block once per depth block and reused for every row block, except in the B-outer
     * order with a chunk of at most {@code MC} rows, which packs each {@code NR}-column strip
     * just before sweeping it (the strip is then still in L1). See {@link #A_OUTER}. With
     * {@code packed}, B's strips are read from it instead: the same floats.
     */
    private static void chunk(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k, int kc,
                              float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, Panels packed,
                              float beta, float[] c, int cOff, int ldc) {
        Workspace ws = WORKSPACE.get();
        boolean perStrip = packed == null && !A_OUTER && i1 - i0 <= MC;
        float[] bp = packed == null ? ws.bp : packed.bp();
        for (int p0 = 0; p0 < k; p0 += kc) {
            int kcb = Math.min(kc, k - p0);
            float betaBlock = p0 == 0 ? beta : 1f;
            int bBase = 0;
            if (packed != null) {
                bBase = packed.offset(p0, kcb, j0);
            } else if (!perStrip) {
                GemmPacking.packB(transB, b, bOff, ldb, p0, kcb, j0, j1 - j0, bp);
            }
            for (int ib = i0; ib < i1; ib += MC) {
                int mc = Math.min(MC, i1 - ib);
                GemmPacking.packA(transA, a, aOff, lda, ib, mc, p0, kcb, ws.ap);
                if (A_OUTER && (packed == null || packed.bp().length < STREAMED_PACKED_FLOATS)) {
                    panelsOverStrips(ws, bp, bBase, ib, mc, j0, j1, kcb, alpha, betaBlock, c, cOff, ldc);
                } else {
                    stripsOverPanels(ws, bp, bBase, perStrip, transB, b, bOff, ldb, p0, ib, mc, j0, j1, kcb,
                            alpha, betaBlock, c, cOff, ldc);
                }
            }
        }
    }

    /** Each packed row panel of the block starting at row {@code ib}, swept across every B strip ({@code bp} from {@code bBase}). */
    private static void panelsOverStrips(Workspace ws, float[] bp, int bBase, int ib, int mc, int j0, int j1, int kcb,
                                         float alpha, float beta, float[] c, int cOff, int ldc) {
        int aIdx = 0;
        for (int i = ib; i < ib + mc; aIdx += kcb * MR) {
            int rows = GemmPacking.panelRows(ib + mc - i);
            for (int j = j0, t = 0; j < j1; j += NR, t++) {
                MicroKernel.panel(ws.ap, aIdx, bp, bBase + t * kcb * NR, kcb, c, cOff + i * ldc + j, ldc,
                        rows, Math.min(NR, j1 - j), alpha, beta, ws.tile);
            }
            i += rows;
        }
    }

    /**
     * Each B strip ({@code bp} from {@code bBase}, or packed here into the workspace when
     * {@code perStrip}), swept down every packed row panel of the block.
     */
    private static void stripsOverPanels(Workspace ws, float[] bp, int bBase, boolean perStrip, boolean transB,
                                         float[] b, int bOff, int ldb,
                                         int p0, int ib, int mc, int j0, int j1, int kcb,
                                         float alpha, float beta, float[] c, int cOff, int ldc) {
        for (int j = j0, t = 0; j < j1; j += NR, t++) {
            int cols = Math.min(NR, j1 - j);
            int bIdx = bBase + t * kcb * NR;
            if (perStrip) {
                GemmPacking.packB(transB, b, bOff, ldb, p0, kcb, j, cols, bp);
                bIdx = 0;
            }
            int aIdx = 0;
            for (int i = ib; i < ib + mc; aIdx += kcb * MR) {
                int rows = GemmPacking.panelRows(ib + mc - i);
                MicroKernel.panel(ws.ap, aIdx, bp, bIdx, kcb, c, cOff + i * ldc + j, ldc,
                        rows, cols, alpha, beta, ws.tile);
                i += rows;
            }
        }
    }

    /**
     * Whether an {@code (m, n, k)} product has nothing to multiply: no element of C, or no depth
     * ({@code C = beta * C}, done here).
     */
    private static boolean empty(int m, int n, int k, float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return true;
        }
        if (k <= 0) {
            scaleC(m, n, beta, c, cOff, ldc);
            return true;
        }
        return false;
    }

    /** {@code C = beta * C} (zero when {@code beta == 0}, without reading C): the {@code k == 0} case. */
    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? 0f : beta * c[ci];
            }
        }
    }
}
