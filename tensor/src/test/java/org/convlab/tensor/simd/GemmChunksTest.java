package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convlab.tensor.simd.MicroKernel.MR;
import static org.convlab.tensor.simd.MicroKernel.NR;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GemmChunksTest {
    @Test
    void givesEachOfTwoThreadsHalfTheRowsOfTheSquareProduct() {
        GemmChunks grid = GemmChunks.of(1024, 1024, 1024, 2, false);

        // One chunk a thread where a chunk may be 1024 columns wide (512 bits), else two.
        assertThat(grid.rowChunks()).isEqualTo(2);
        assertThat(grid.rows()).isEqualTo((512 + MR - 1) / MR * MR);
        assertThat(grid.cols()).isEqualTo(Math.min(1024, SimdGemm.NC));
        assertThat(grid.count()).isEqualTo(2 * 1024 / grid.cols());
    }

    @Test
    void keepsTheColumnChunksOfABatchOf64NarrowOnSeveralThreads() {
        // An MLP's input gradient, 64 x 3072 x 4000: six chunks of 512 columns, three a thread.
        GemmChunks grid = GemmChunks.of(64, 3072, 4000, 2, false);

        assertThat(grid.rowChunks()).isEqualTo(1);
        assertThat(grid.cols()).isLessThanOrEqualTo(GemmChunks.FEW_ROWS_COLUMNS);
        assertThat(grid.count()).isEqualTo(3072 / Math.min(SimdGemm.NC, GemmChunks.FEW_ROWS_COLUMNS));
        assertThat(grid.count() % 2).isZero();
    }

    @Test
    void balancesThreeColumnChunksIntoFourOnTwoThreads() {
        GemmChunks grid = GemmChunks.of(64, 1100, 400, 2, false);

        assertThat(grid.count()).isEqualTo(4);
    }

    @Test
    void splitsTheColumnsOfAProductWithAPackedA() {
        // An MLP-784's first layer at inference, W (100 x 784) times x^T (784 x 64): the columns
        // (the batch) split between two threads, every chunk all 100 rows.
        GemmChunks grid = GemmChunks.ofPackedA(100, 64, 784, 2, false);

        assertThat(grid.rowChunks()).isEqualTo(1);
        assertThat(grid.rows()).isGreaterThanOrEqualTo(100);
        assertThat(grid.colChunks()).isEqualTo(Math.min(2, (64 + NR - 1) / NR));
        assertThat(GemmChunks.ofPackedA(100, 64, 784, 1, false).count()).isEqualTo(1);
    }

    @Test
    void splitsTheRowsOfAPackedAThatComesFromMemory() {
        // An MLP-3072's first layer at inference, W (4000 x 3072): each thread reads half of W.
        GemmChunks grid = GemmChunks.ofPackedA(4000, 64, 3072, 2, true);

        assertThat(grid.rowChunks()).isEqualTo(2);
        assertThat(grid.colChunks()).isEqualTo(1);
        assertThat(grid.rows() % MR).isZero();
        assertThat(grid.rows() * 2).isGreaterThanOrEqualTo(4000);
        // Wider than a packed B block: more column chunks, none past NC columns.
        assertThat(GemmChunks.ofPackedA(100, 3000, 100, 1, false).cols()).isLessThanOrEqualTo(SimdGemm.NC);
    }

    @Test
    void leavesASmallProductWhole() {
        // 2 * 8 * 8 * 8 floating-point operations: far below the grain.
        assertThat(GemmChunks.of(8, 8, 8, 2, false).count()).isEqualTo(1);
    }

    @Test
    void cutsOnlyTheColumnsOnOneThread() {
        GemmChunks grid = GemmChunks.of(1024, 1024, 1024, 1, false);

        assertThat(grid.rowChunks()).isEqualTo(1);
        assertThat(grid.cols()).isEqualTo(Math.min(1024, SimdGemm.NC));
        assertThat(grid.count()).isEqualTo(1024 / grid.cols());
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void coversCWithWholePanelsAndTheSameChunkCountPerThread(int threads) {
        Random r = new Random(17L * threads);
        for (int trial = 0; trial < 400; trial++) {
            int m = 1 + r.nextInt(r.nextBoolean() ? 100 : 3000);
            int n = 1 + r.nextInt(r.nextBoolean() ? 100 : 5000);
            int k = 1 + r.nextInt(r.nextBoolean() ? 64 : 4000);
            boolean packed = r.nextBoolean();
            GemmChunks grid = GemmChunks.of(m, n, k, threads, packed);
            String shape = m + "x" + n + "x" + k + (packed ? " packed" : "");

            assertThat(grid.rows() % MR).as(shape).isZero();
            assertThat(grid.cols() % NR).as(shape).isZero();
            assertThat(grid.rowChunks() * grid.rows()).as(shape).isGreaterThanOrEqualTo(m);
            assertThat((grid.rowChunks() - 1) * grid.rows()).as(shape).isLessThan(m);
            assertThat(grid.colChunks() * grid.cols()).as(shape).isGreaterThanOrEqualTo(n);
            assertThat((grid.colChunks() - 1) * grid.cols()).as(shape).isLessThan(n);
            assertThat(grid.cols()).as(shape).isLessThanOrEqualTo(Math.max(NR, SimdGemm.NC));
            if (threads > 1 && grid.count() > 1 && grid.cols() > NR) {
                assertThat(grid.count() % threads).as(shape).isZero();
            }
            // Chunk ids map to distinct corners, row-major.
            assertThat(IntStream.range(0, grid.count()).map(id -> grid.firstRow(id) * n + grid.firstCol(id)).distinct().count())
                    .as(shape).isEqualTo(grid.count());
        }
    }
}
