package org.convlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataFingerprintTest {
    private static final List<String> THREE = List.of("a", "b", "c");

    private static ImageSet set(byte[] pixels, byte[] labels) {
        return ImageSet.of(pixels, labels, 1, 2, 2, THREE);
    }

    private static byte[] range(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void hashesTheDocumentedBytes() {
        // sha256(int32le[N=2, C=1, H=2, W=2, classes=3] + pixels 0..7 + labels [2, 0]),
        // computed with Python's hashlib.
        assertThat(DataFingerprint.of(set(range(8), new byte[] {2, 0})))
                .isEqualTo("sha256:94c96ef52b76dd5535e5b63f594675ec8b8ac2d43330a03d0f15c3d5f7cfa43f");
    }

    @Test
    void aViewFingerprintsLikeACopyOfItsBytes() {
        ImageSet whole = set(range(16), new byte[] {1, 2, 0, 1});
        ImageSet view = whole.range(1, 3);
        byte[] copy = new byte[8];
        System.arraycopy(range(16), 4, copy, 0, 8);
        assertThat(DataFingerprint.of(view)).isEqualTo(DataFingerprint.of(set(copy, new byte[] {2, 0})));
        assertThat(DataFingerprint.of(view)).isNotEqualTo(DataFingerprint.of(whole));
    }

    @Test
    void oneChangedPixelLabelOrShapeChangesIt() {
        String base = DataFingerprint.of(set(range(8), new byte[] {2, 0}));
        byte[] px = range(8);
        px[7] = 100;
        assertThat(DataFingerprint.of(set(px, new byte[] {2, 0}))).isNotEqualTo(base);
        assertThat(DataFingerprint.of(set(range(8), new byte[] {2, 1}))).isNotEqualTo(base);
        assertThat(DataFingerprint.of(ImageSet.of(range(8), new byte[] {2, 0}, 1, 1, 4, THREE))).isNotEqualTo(base);
        assertThat(DataFingerprint.of(ImageSet.of(range(8), new byte[] {2, 0}, 1, 2, 2, List.of("a", "b", "c", "d"))))
                .isNotEqualTo(base);
    }

    @Test
    void aDataSetCoversEverySplitAndTheNormalisation() {
        ImageSet a = set(range(8), new byte[] {2, 0});
        ImageSet b = set(range(8), new byte[] {1, 0});
        Normalization n = Normalization.of(new float[] {0.5f}, new float[] {0.25f});
        DataSet d = data(a, a, a, n);
        String base = DataFingerprint.of(d);
        assertThat(DataFingerprint.isFingerprint(base)).isTrue();
        assertThat(DataFingerprint.of(data(b, a, a, n))).isNotEqualTo(base);
        assertThat(DataFingerprint.of(data(a, b, a, n))).isNotEqualTo(base);
        assertThat(DataFingerprint.of(data(a, a, b, n))).isNotEqualTo(base);
        assertThat(DataFingerprint.of(data(a, a, a, Normalization.of(new float[] {0.5f}, new float[] {0.3f}))))
                .isNotEqualTo(base);
        assertThat(DataFingerprint.of(data(a, a.range(0, 0), a, n))).isNotEqualTo(base);
        assertThat(DataFingerprint.of(data(a, a, a, n))).isEqualTo(base);
    }

    @Test
    void recognisesItsOwnForm() {
        assertThat(DataFingerprint.isFingerprint("sha256:" + "0".repeat(64))).isTrue();
        assertThat(DataFingerprint.isFingerprint("sha256:" + "0".repeat(63))).isFalse();
        assertThat(DataFingerprint.isFingerprint("sha256:" + "A".repeat(64))).isFalse();
        assertThat(DataFingerprint.isFingerprint("md5:" + "0".repeat(64))).isFalse();
        assertThat(DataFingerprint.isFingerprint(null)).isFalse();
    }

    private static DataSet data(ImageSet train, ImageSet val, ImageSet test, Normalization n) {
        return new DataSet("t", DataSpec.parse("synthetic"), "test", List.of(), train, val, test, n);
    }
}
