package org.convlab.tensor.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ChannelsLast#write} is its definition, every float of the frame, at every width (this
 * class runs in the 128- and 512-bit executions too; whole blocks of L channels on rows at least
 * L wide go through {@link BlockTranspose}, the rest through gathers).
 */
class ChannelsLastTest {
    /**
     * 1 to 48 channels (partial vectors, one block, several), planes of 1 to 30 rows and 1 to 33
     * columns (shorter than a block, whole blocks, a tail), 0 to 2 rows and columns of padding,
     * frames that end inside the input (cropped) or past it (zeros).
     */
    static Stream<Arguments> shapes() {
        Random r = new Random(47);
        int[] channels = {1, 5, 16, 17, 32, 33, 48, 8};
        int[] widths = {1, 7, 15, 16, 17, 28, 31, 32, 33};
        return IntStream.range(0, 48).mapToObj(i -> {
            int c = channels[i % channels.length];
            int h = 1 + r.nextInt(30);
            int w = widths[r.nextInt(widths.length)];
            int padTop = r.nextInt(3);
            int padLeft = r.nextInt(3);
            int rows = Math.max(1, padTop + h + r.nextInt(6) - 2);
            int columns = Math.max(padLeft + 1, padLeft + w + r.nextInt(6) - 2);
            int stride = (c + Lanes.L - 1) / Lanes.L * Lanes.L;
            return Arguments.of(i, c, h, w, padTop, padLeft, rows, columns, stride);
        });
    }

    @ParameterizedTest(name = "#{0}: C={1} {2}x{3} pad {4},{5} frame {6}x{7} stride {8}")
    @MethodSource("shapes")
    void writeIsItsDefinition(int seed, int c, int h, int w, int padTop, int padLeft, int rows, int columns,
                              int stride) {
        ChannelsLast layout = new ChannelsLast(c, h, w, padTop, padLeft, rows, columns, stride);
        Random r = new Random(seed);
        int offset = 1 + seed % 7;
        float[] x = SimdGemmTest.random(r, offset + c * h * w);
        float[] xT = new float[layout.size() + 3];
        Arrays.fill(xT, Float.NaN);

        layout.write(x, offset, xT);

        assertThat(layout.size()).isEqualTo(rows * columns * stride);
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < columns; col++) {
                for (int ch = 0; ch < stride; ch++) {
                    int sr = row - padTop;
                    int sc = col - padLeft;
                    boolean inside = ch < c && sr >= 0 && sr < h && sc >= 0 && sc < w;
                    float expected = inside ? x[offset + (ch * h + sr) * w + sc] : 0f;
                    int at = (row * columns + col) * stride + ch;
                    assertThat(xT[at]).as("row %d column %d channel %d", row, col, ch).isEqualTo(expected);
                }
            }
        }
        assertThat(Arrays.copyOfRange(xT, layout.size(), xT.length)).containsOnly(Float.NaN);
    }

    @Test
    void aStrideOtherThanTheChannelsRoundedUpToAVectorIsRefused() {
        assertThatThrownBy(() -> new ChannelsLast(5, 4, 4, 0, 0, 4, 4, (5 + Lanes.L - 1) / Lanes.L * Lanes.L + Lanes.L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
    }
}
