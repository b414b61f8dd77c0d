package org.convlab.data.transform;

import org.convlab.core.BadParameterException;
import org.convlab.tensor.Tensor;

/** Shared checks of the transforms. */
final class Images {
    private Images() {
    }

    static void requireRank4(String name, Tensor t) {
        if (t.rank() != 4) {
            throw new BadParameterException(name, "images (N, C, H, W)", t.shape());
        }
    }
}
