package org.convlab.tensor.simd;

import static org.convlab.tensor.simd.MicroKernel.MR;
import static org.convlab.tensor.simd.MicroKernel.NR;

/**
 * How {@link SimdGemm} cuts an {@code (m, n)} product into chunks of C for its threads: a grid of
 * {@code rows x cols} chunks, {@code rowChunks x colChunks} of them, each packing its own rows of
 * A and its own columns of B (unless B is packed already). The grid never changes a result (every
 * element is summed in the same order in any chunk), only the speed.
 *
 * <p>Every chunk packs again what its neighbours pack, so the fewest chunks win as long as every
 * thread has the same number: one per thread where the product allows it, and a count that is a
 * multiple of the thread count (three chunks on two threads leave one thread idle for a third of
 * the time). On one thread only the columns are cut ({@link SimdGemm#NC}, for the packed B block
 * in L2), so that B is packed once: the 1024³ product 1.03-1.04x against chunks of at most
 * {@link SimdGemm#MCHUNK} rows, which packed it twice (one JVM, the two interleaved, medians of 21
 * products, two JVMs); on two threads the rows are still cut first (splitting the columns of
 * 1024³ instead read 0.98x). Measured on the 2-vCPU AVX-512 Xeon, two threads, one JVM with the
 * old grid (four chunks a thread) and this one interleaved, medians of 21-31 products each: the
 * 1024³ product 1.06-1.13x (A was packed four times); an MLP's 64 x 3072 x 4000 input gradient
 * 1.11-1.25x (twelve chunks of 256 columns each packed all of A's 4000-deep rows); the 4000 x
 * 3072 x 64 weight gradient and the packed products of an inference 0.98-1.02x.
 *
 * <p>A product of at most {@link SimdGemm#MC} rows (a batch of 64) on several threads keeps its
 * column chunks at 512 columns or less: with 1,000-column chunks the MLP-3072's 64 x 4000 x 3072
 * forward product (B transposed) read 0.84-0.94x the 500-column ones in four of five JVMs, while
 * the 1024³ product read 1.03-1.07x with 1024 columns against 512.
 *
 * @param rows rows of a chunk (a multiple of {@code MR}; the last chunk may have fewer)
 * @param cols columns of a chunk (a multiple of {@code NR}; the last chunk may have fewer)
 * @param rowChunks chunks down C
 * @param colChunks chunks across C
 */
record GemmChunks(int rows, int cols, int rowChunks, int colChunks) {
    /** Columns per chunk of a product of at most {@link SimdGemm#MC} rows on several threads. */
    static final int FEW_ROWS_COLUMNS = 512;

    /**
     * The grid of an {@code (m, n, k)} product on {@code threads} threads ({@code 1} when the
     * chunks run on the calling thread); {@code packed} when B is packed already and only A is
     * packed per chunk.
     */
    static GemmChunks of(int m, int n, int k, int threads, boolean packed) {
        int maxCols = threads > 1 && m <= SimdGemm.MC ? Math.min(SimdGemm.NC, FEW_ROWS_COLUMNS) : SimdGemm.NC;
        int rowBlocks = threads == 1 ? 1 : (m + SimdGemm.MCHUNK - 1) / SimdGemm.MCHUNK;
        int colBlocks = (n + maxCols - 1) / maxCols;
        long work = (long) (2.0 * m * n * k / SimdGemm.GRAIN);
        int wanted = (int) Math.min(threads, work);
        while (rowBlocks * colBlocks < wanted) {
            int rows = (m + rowBlocks - 1) / rowBlocks;
            int cols = (n + colBlocks - 1) / colBlocks;
            if (cols >= 8 * NR && cols >= rows) {
                colBlocks *= 2;
            } else if (rows >= 8 * MR || (packed && rows >= 4 * MR)) {
                // Each row chunk packs its own copy of B: keep at least 4 row panels per chunk.
                // With B packed already only A is packed per chunk, and each column chunk packs
                // the same rows of A again: rows are split down to 2 panels per chunk first.
                rowBlocks *= 2;
            } else if (cols >= 2 * NR && (!packed || rows < 2 * MR)) {
                colBlocks *= 2;
            } else {
                break;
            }
        }
        GemmChunks grid = rounded(m, n, rowBlocks, colBlocks);
        // The same number of chunks for every thread: more, narrower column chunks.
        while (threads > 1 && grid.count() > 1 && grid.count() % threads != 0 && grid.cols > NR) {
            colBlocks++;
            grid = rounded(m, n, rowBlocks, colBlocks);
        }
        return grid;
    }

    /**
     * The grid of an {@code (m, n, k)} product whose A is packed once ({@link SimdGemm#packRows}):
     * the threads split the columns, each chunk packing only its own strips of B, unless A comes
     * from memory ({@code streamedA}: an MLP-3072-4000's 4000 x 3072 weights), where they split
     * A's rows so that each part of it is read once (each chunk then packs all of B, a batch of
     * 64 x 3072; split by columns, both threads streamed all of A: 0.91x on two threads). At most
     * {@link SimdGemm#NC} columns a chunk, and a chunk count that is a multiple of the threads'
     * where the columns allow it.
     */
    static GemmChunks ofPackedA(int m, int n, int k, int threads, boolean streamedA) {
        int wanted = (int) Math.max(1, Math.min(threads, (long) (2.0 * m * n * k / SimdGemm.GRAIN)));
        int strips = (n + NR - 1) / NR;
        int colBlocks = Math.max(streamedA ? 1 : Math.min(wanted, strips), (n + SimdGemm.NC - 1) / SimdGemm.NC);
        int rowBlocks = streamedA ? Math.min(wanted, (m + MR - 1) / MR) : 1;
        if (!streamedA && threads > 1 && colBlocks > 1 && colBlocks % threads != 0 && colBlocks < strips) {
            colBlocks = Math.min(strips, roundUp(colBlocks, threads));
        }
        return rounded(m, n, rowBlocks, colBlocks);
    }

    /** The grid of about {@code rowBlocks x colBlocks} chunks, rounded to whole panels and strips. */
    private static GemmChunks rounded(int m, int n, int rowBlocks, int colBlocks) {
        int rows = roundUp((m + rowBlocks - 1) / rowBlocks, MR);
        int cols = roundUp((n + colBlocks - 1) / colBlocks, NR);
        return new GemmChunks(rows, cols, (m + rows - 1) / rows, (n + cols - 1) / cols);
    }

    /** Chunks in the grid. */
    int count() {
        return rowChunks * colChunks;
    }

    /** First row of chunk {@code id} (chunks numbered row-major). */
    int firstRow(int id) {
        return (id / colChunks) * rows;
    }

    /** First column of chunk {@code id}. */
    int firstCol(int id) {
        return (id % colChunks) * cols;
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
