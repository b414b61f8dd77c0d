package org.convlab.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float vector species used by every kernel: 256 bits, 8 lanes (AVX2). Chosen once and
 * {@code static final} so that the JIT folds it into the generated code.
 */
final class Lanes {
    /** 8 float lanes. */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    /** {@code F.length()}. */
    static final int L = 8;

    private Lanes() {
    }
}
