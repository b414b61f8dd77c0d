package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.convlab.tensor.kernels.VectorWidth;

/**
 * The float vector species every kernel uses, chosen once and {@code static final} so that the
 * JIT folds it into the generated code: the machine's preferred species
 * ({@code FloatVector.SPECIES_PREFERRED}: 512 bits on AVX-512, 256 on AVX2, 128 on NEON; 256
 * instead of 512 before JDK 25 without C2's inlining cleanup, see {@link VectorWidth#defaultBits}), or the width
 * {@code -Dconvlab.vector.bits=128|256|512} pins ({@link VectorWidth}).
 *
 * <p>Register tiles and loop steps follow {@link #L}; the order of every sum does not (see the
 * package comment), so each width gives the same bits.
 */
final class Lanes {
    /** The species in use. */
    static final VectorSpecies<Float> F = species(VectorWidth.requestedBits());
    /** {@code F.length()}: 4, 8 or 16 float lanes. */
    static final int L = F.length();
    /**
     * Partial sums a dot-product kernel keeps per vector, lanes of a reduction: 8 from 256 bits up
     * (the canonical order has 8 partial sums), 4 at 128 bits (two vectors hold the 8).
     */
    static final int DOT_L = Math.min(L, 8);
    /** Vector registers the tiles may plan for: 32 with 512-bit vectors (AVX-512), else 16. */
    static final int REGISTERS = L >= 16 ? 32 : 16;
    /**
     * Whether this JDK compiles a masked store that leaves lanes out into vector instructions.
     * JDK 17 stores such a vector lane by lane from a boxed copy (23 MB a training step of the
     * 1x28x28 ConvNet at 512 bits, whose rows of 28 outputs end inside a vector), so kernels that
     * would store rows ending inside a vector avoid it there ({@code SimdWinograd}'s output
     * transforms write them through a buffer; {@link SimdConv#fewTapsRunDirect} keeps
     * {@code FewTapsForward}).
     */
    static final boolean MASKED_STORES = Runtime.version().feature() >= VectorWidth.FULL_WIDTH_JDK;

    private Lanes() {
    }

    private static VectorSpecies<Float> species(int bits) {
        int chosen = bits != 0 ? bits
                : VectorWidth.defaultBits(FloatVector.SPECIES_PREFERRED.vectorBitSize(), Runtime.version().feature(),
                        VectorWidth.inliningCleanup());
        return VectorSpecies.of(float.class, VectorShape.forBitSize(chosen));
    }
}
