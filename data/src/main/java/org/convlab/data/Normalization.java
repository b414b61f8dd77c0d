package org.convlab.data;

import java.util.Arrays;
import org.convlab.core.BadParameterException;

/**
 * Per-channel normalisation as torchvision's {@code ToTensor()} then {@code Normalize(mean, std)}:
 * {@code x = (p / 255 - mean[c]) / std[c]} for a pixel byte {@code p} of channel {@code c},
 * computed in float32 in that order, so the values match PyTorch's bit for bit.
 *
 * <p>Conversion is a table lookup (256 floats per channel), made once.
 */
public final class Normalization {
    private final float[] mean;
    private final float[] std;
    private final String origin;
    private final float[][] table;

    private Normalization(float[] mean, float[] std, String origin) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new BadParameterException("std", "one value per channel, like mean (" + mean.length + ")",
                    std.length).mentioning("mean");
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c])) {
                throw new BadParameterException("std", "positive finite values", Arrays.toString(std));
            }
            if (!Float.isFinite(mean[c])) {
                throw new BadParameterException("mean", "finite values", Arrays.toString(mean));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.origin = origin;
        this.table = new float[mean.length][256];
        for (int c = 0; c < mean.length; c++) {
            for (int p = 0; p < 256; p++) {
                table[c][p] = ((float) p / 255f - this.mean[c]) / this.std[c];
            }
        }
    }

    /** The given per-channel mean and std (pixels scaled to [0, 1]). */
    public static Normalization of(float[] mean, float[] std) {
        return new Normalization(mean, std, "given");
    }

    /** No centring, only scaling to [0, 1]: mean 0, std 1 per channel. */
    public static Normalization none(int channels) {
        float[] zero = new float[channels];
        float[] one = new float[channels];
        Arrays.fill(one, 1f);
        return new Normalization(zero, one, "none (pixels / 255)");
    }

    /**
     * The mean and (population) standard deviation of each channel over every pixel of
     * {@code set}, pixels scaled to [0, 1]. Sums are exact 64-bit integers, so the result does
     * not depend on order. A constant channel gets std 1 instead of 0.
     */
    public static Normalization compute(ImageSet set, String origin) {
        int c = set.channels();
        int plane = set.height() * set.width();
        long[] sum = new long[c];
        long[] sumSq = new long[c];
        byte[] px = set.pixelArray();
        long[] hist = new long[256];
        for (int ch = 0; ch < c; ch++) {
            Arrays.fill(hist, 0);
            for (int i = 0; i < set.size(); i++) {
                int base = set.backingIndex(i) * set.imageSize() + ch * plane;
                for (int k = base; k < base + plane; k++) {
                    hist[px[k] & 0xff]++;
                }
            }
            for (int p = 0; p < 256; p++) {
                sum[ch] += hist[p] * p;
                sumSq[ch] += hist[p] * p * p;
            }
        }
        double n = (double) set.size() * plane;
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / n;
            double var = Math.max(0, sumSq[ch] / n - m * m);
            mean[ch] = (float) (m / 255.0);
            double s = Math.sqrt(var) / 255.0;
            std[ch] = s > 1e-6 ? (float) s : 1f;
        }
        return new Normalization(mean, std, origin);
    }

    /** Number of channels. */
    public int channels() {
        return mean.length;
    }

    /** A copy of the per-channel means. */
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of the per-channel standard deviations. */
    public float[] std() {
        return std.clone();
    }

    /** Where the values come from, e.g. "training split (59000 images)" or "given". */
    public String origin() {
        return origin;
    }

    /** The normalised value of pixel byte {@code p} (0..255) in channel {@code c}. */
    public float apply(int c, int p) {
        return table[c][p & 0xff];
    }

    /** The lookup table of channel {@code c}: value = table[byte & 0xff]; do not modify. */
    float[] table(int c) {
        return table[c];
    }

    /** Writes image {@code i} of {@code set}, normalised, to {@code out[off..off + C*H*W)}. */
    public void convert(ImageSet set, int i, float[] out, int off) {
        checkChannels(set.channels());
        int plane = set.height() * set.width();
        byte[] px = set.pixelArray();
        if (i < 0 || i >= set.size()) {
            throw new BadParameterException("image", "an index in 0.." + (set.size() - 1), i);
        }
        int src = set.backingIndex(i) * set.imageSize();
        for (int c = 0; c < set.channels(); c++) {
            float[] t = table[c];
            int s = src + c * plane;
            int d = off + c * plane;
            for (int k = 0; k < plane; k++) {
                out[d + k] = t[px[s + k] & 0xff];
            }
        }
    }

    void checkChannels(int channels) {
        if (channels != mean.length) {
            throw new BadParameterException("mean", channels + " values, one per channel of the images",
                    mean.length);
        }
    }

    @Override
    public String toString() {
        return "mean " + fmt(mean) + ", std " + fmt(std) + " (" + origin + ")";
    }

    private static String fmt(float[] v) {
        StringBuilder s = new StringBuilder(v.length == 1 ? "" : "(");
        for (int i = 0; i < v.length; i++) {
            s.append(i > 0 ? ", " : "").append(String.format("%.4f", v[i]));
        }
        return s.append(v.length == 1 ? "" : ")").toString();
    }
}
