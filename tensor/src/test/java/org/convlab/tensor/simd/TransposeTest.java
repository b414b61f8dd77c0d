package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.convlab.algebra.PaddingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The weight gradient's transpose of the output gradient ({@link DirectWeightGrad#transpose}) is
 * its definition, every float of it, at every width (this class runs in the 128- and 512-bit
 * executions too; at 512 bits runs of 16 positions go through {@link Transpose16}, at 256 runs of
 * 8 through {@link Transpose8}).
 */
class TransposeTest {
    /**
     * Output gradients of 1 to 40 channels (partial vectors, whole ones, several channel blocks),
     * rows of 1 to 50 positions (shorter than 16, whole runs of 16 and a tail), 1 to 5 rows,
     * kernels of 1 to 5 columns (padding columns between rows), height stride 1 or 2.
     */
    static Stream<Arguments> shapes() {
        Random r = new Random(31);
        int[] channels = {1, 5, 16, 17, 32, 33, 40, 8};
        int[] widths = {1, 7, 15, 16, 17, 28, 31, 32, 33, 48, 50};
        return IntStream.range(0, 48).mapToObj(i -> Arguments.of(i, channels[i % channels.length],
                1 + r.nextInt(5), widths[r.nextInt(widths.length)], 1 + r.nextInt(5), 1 + r.nextInt(2)));
    }

    @ParameterizedTest(name = "#{0}: F={1} out {2}x{3} kernel width {4} height stride {5}")
    @MethodSource("shapes")
    void transposeIsItsDefinition(int seed, int f, int outH, int outW, int kW, int strideH) {
        int kH = 2;
        int h = (outH - 1) * strideH + kH;
        int w = outW + kW - 1;
        Correlation g = new Correlation(3, h, w, 0, 0, PaddingMode.ZEROS, f, outH, outW, kH, kW, 1, 1, strideH);
        Random r = new Random(seed);
        int plane = outH * outW;
        int offset = 3 + seed % 5;
        float[] dy = SimdGemmTest.random(r, offset + f * plane);
        float[] dT = new float[DirectWeightGrad.transposedSize(g)];
        java.util.Arrays.fill(dT, Float.NaN);
        DirectWeightGrad.transpose(g, dy, offset, dT);

        int cw = DirectWeightGrad.channelWidth(g);
        int positions = DirectWeightGrad.positions(g);
        int rowStride = strideH == 1 ? g.paddedW : outW;
        assertThat(dT.length).isEqualTo(DirectWeightGrad.channelBlocks(g) * positions * cw);
        for (int b = 0; b < DirectWeightGrad.channelBlocks(g); b++) {
            for (int q = 0; q < positions; q++) {
                int oy = q / rowStride;
                int ox = q % rowStride;
                for (int lane = 0; lane < cw; lane++) {
                    int o = b * cw + lane;
                    float expected = o < f && ox < outW ? dy[offset + o * plane + oy * outW + ox] : 0f;
                    assertThat(dT[(b * positions + q) * cw + lane])
                            .as("block %d position %d (row %d, column %d) lane %d", b, q, oy, ox, lane)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aBlockOf16RowsBecomes16Columns() {
        assumeTrue(Transpose16.available(), "16-lane vectors only");
        Random r = new Random(5);
        for (int cw : new int[] {16, 32, 48}) {
            int stride = 16 + r.nextInt(40);
            int s0 = r.nextInt(7);
            int d = r.nextInt(9);
            float[] src = SimdGemmTest.random(r, s0 + 15 * stride + 16);
            float[] dst = new float[d + 15 * cw + 16 + 5];
            java.util.Arrays.fill(dst, Float.NaN);
            Transpose16.block(src, s0, stride, dst, d, cw);
            for (int j = 0; j < 16; j++) {
                for (int row = 0; row < 16; row++) {
                    assertThat(dst[d + j * cw + row]).as("cw %d column %d row %d", cw, j, row)
                            .isEqualTo(src[s0 + row * stride + j]);
                }
                for (int gap = 16; gap < cw && j < 15; gap++) {
                    assertThat(dst[d + j * cw + gap]).as("cw %d between columns %d and %d", cw, j, j + 1).isNaN();
                }
            }
        }
    }

    @Test
    void aBlockOf8RowsBecomes8ColumnsAndARunOfColumnsEndsAtItsEnd() {
        assumeTrue(Transpose8.available(), "8-lane vectors only");
        Random r = new Random(6);
        for (int cw : new int[] {8, 16, 24}) {
            int count = 8 + r.nextInt(20);
            int stride = count + r.nextInt(9);
            int s0 = r.nextInt(7);
            int d = r.nextInt(9);
            float[] src = SimdGemmTest.random(r, s0 + 7 * stride + count);
            float[] dst = new float[d + (count - 1) * cw + 8];
            java.util.Arrays.fill(dst, Float.NaN);
            BlockTranspose.columns(src, s0, stride, count, dst, d, cw);
            for (int j = 0; j < count; j++) {
                for (int row = 0; row < 8; row++) {
                    assertThat(dst[d + j * cw + row]).as("cw %d column %d row %d", cw, j, row)
                            .isEqualTo(src[s0 + row * stride + j]);
                }
                for (int gap = 8; gap < cw && j < count - 1; gap++) {
                    assertThat(dst[d + j * cw + gap]).as("cw %d between columns %d and %d", cw, j, j + 1).isNaN();
                }
            }
        }
    }
}
