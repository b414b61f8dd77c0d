package org.convlab.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of data by its bytes: a SHA-256 over the images' shape, pixels and labels, so
 * two data sets of the same size and statistics but other images have different fingerprints.
 *
 * <p>One function for every user: a checkpoint records {@link #of(ImageSet)} of the training
 * split (a resume on other data is refused), and the lab keys a finished training run by
 * {@link #of(DataSet)} (all three splits and the normalisation). The text is
 * {@code "sha256:<64 hex digits>"}; it depends only on the bytes, never on file names, so the
 * same images read from IDX, gzip or CIFAR files fingerprint alike.
 */
public final class DataFingerprint {
    private static final String PREFIX = "sha256:";

    private DataFingerprint() {
    }

    /** Fingerprint of one split: its (N, C, H, W), class count, pixels (N·C·H·W bytes) and labels (N bytes). */
    public static String of(ImageSet set) {
        MessageDigest md = sha256();
        digest(md, set);
        return PREFIX + HexFormat.of().formatHex(md.digest());
    }

    /**
     * Fingerprint of a whole data set: the training, validation and test splits in that order
     * and the normalisation's mean and std (float bits), so a run keyed by it is keyed by
     * everything training and evaluation read.
     */
    public static String of(DataSet data) {
        MessageDigest md = sha256();
        digest(md, data.train());
        digest(md, data.validation());
        digest(md, data.test());
        float[] mean = data.normalization().mean();
        float[] std = data.normalization().std();
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * mean.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(mean.length);
        for (int c = 0; c < mean.length; c++) {
            b.putFloat(mean[c]).putFloat(std[c]);
        }
        md.update(b.array());
        return PREFIX + HexFormat.of().formatHex(md.digest());
    }

    /** Whether {@code text} has the form this class writes. */
    public static boolean isFingerprint(String text) {
        return text != null && text.length() == PREFIX.length() + 64 && text.startsWith(PREFIX)
                && text.substring(PREFIX.length()).chars().allMatch(ch -> Character.digit(ch, 16) >= 0
                        && (ch < 'A' || ch > 'F'));
    }

    private static void digest(MessageDigest md, ImageSet set) {
        ByteBuffer header = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(set.size()).putInt(set.channels()).putInt(set.height()).putInt(set.width())
                .putInt(set.classes());
        md.update(header.array());
        int from = set.size() == 0 ? 0 : set.backingIndex(0);
        md.update(set.pixelArray(), from * set.imageSize(), set.size() * set.imageSize());
        md.update(set.labelArray(), from, set.size());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
