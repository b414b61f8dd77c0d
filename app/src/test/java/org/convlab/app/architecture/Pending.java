package org.convlab.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/** Classes left out of a rule while another change fixes them; each entry says which and why. */
final class Pending {
    /**
     * {@code ./convlab bench} measures the FMA peak with {@code tensor.simd.FmaPeak} directly;
     * the change that reworks its width and peak printing moves that behind tensor's kernels.
     */
    static final DescribedPredicate<JavaClass> NOT_YET_MOVED = DescribedPredicate.describe(
            "classes other than app's BenchCommand (its FMA peak moves behind tensor's kernels)",
            c -> !c.getName().startsWith("org.convlab.app.BenchCommand"));

    private Pending() {
    }
}
