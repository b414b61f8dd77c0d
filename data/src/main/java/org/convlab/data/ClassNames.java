package org.convlab.data;

import java.util.List;

/** The class names of the data sets convlab knows, index = label. */
public final class ClassNames {
    /** Fashion-MNIST's ten classes (Zalando's names). */
    public static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** MNIST's digits. */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Kuzushiji-MNIST's ten hiragana, romanised: お き す つ な は ま や れ を. */
    public static final List<String> KMNIST = List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo");
    /** The hiragana themselves, same order as {@link #KMNIST}. */
    public static final List<String> KMNIST_HIRAGANA = List.of("お", "き", "す", "つ", "な", "は", "ま", "や", "れ", "を");
    /** CIFAR-10's ten classes. */
    public static final List<String> CIFAR10 = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private ClassNames() {
    }

    /** "0", "1", ... "n-1": names for a generic IDX data set. */
    public static List<String> numbered(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = Integer.toString(i);
        }
        return List.of(names);
    }
}
