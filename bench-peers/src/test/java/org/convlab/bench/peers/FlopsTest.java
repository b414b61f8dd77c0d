package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlopsTest {

    @Test
    void convNet3x32x32CountsByHand() {
        Model m = Model.parse("cnn-3x32x32");
        long conv1 = 32L * 3 * 25 * 32 * 32;   // 2,457,600 MACs
        long conv2 = 16L * 32 * 9 * 32 * 32;   // 4,718,592
        long fc = 16L * 32 * 32 * 10;          // 163,840
        assertThat(Flops.forward(m)).isEqualTo(2 * (conv1 + conv2 + fc)).isEqualTo(14_680_064);
        assertThat(Flops.trainStep(m)).isEqualTo(3 * Flops.forward(m) - 2 * conv1).isEqualTo(39_124_992);
        // The figure: 1,600 images/s on one thread is about 64 GFLOP/s.
        assertThat(1600 * Flops.trainStep(m) * 1e-9).isBetween(60.0, 65.0);
    }

    @Test
    void mlpCountsItsThreeMatrices() {
        Model m = Model.parse("mlp-3072-4000");
        long macs = 3072L * 4000 + 4000L * 4000 + 4000L * 10;
        assertThat(Flops.forward(m)).isEqualTo(2 * macs);
        assertThat(Flops.perImage(m, Mode.TRAIN)).isEqualTo(6 * macs - 2 * 3072L * 4000);
        assertThat(Flops.perImage(m, Mode.INFER)).isEqualTo(2 * macs);
    }

    @Test
    void gemmIsTwoNCubed() {
        assertThat(Flops.gemm(1024)).isEqualTo(2.0 * 1024 * 1024 * 1024);
    }
}
