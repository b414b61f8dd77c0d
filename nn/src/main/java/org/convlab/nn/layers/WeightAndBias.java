package org.convlab.nn.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.convlab.nn.Parameter;
import org.convlab.nn.init.Init;
import org.convlab.nn.init.Rng;

/**
 * What the layers with a weight and an optional bias (Linear, the convolutions, the locally
 * connected layers) share: PyTorch's default initialisation and the parameters by name.
 */
final class WeightAndBias {
    private WeightAndBias() {
    }

    /**
     * PyTorch's {@code reset_parameters}: the weight kaiming-uniform with a = sqrt(5), the bias
     * U(-1/sqrt(fan_in), 1/sqrt(fan_in)); {@code bias} may be {@code null}.
     */
    static void reset(Parameter weight, Parameter bias, long fanIn, Rng rng) {
        Init.kaimingUniformDefault(weight.value(), fanIn, rng);
        if (bias != null) {
            Init.uniform(bias.value(), Init.defaultBound(fanIn), rng);
        }
    }

    /** {@code weight}, then {@code bias} unless it is {@code null}, in registration order. */
    static Map<String, Parameter> named(Parameter weight, Parameter bias) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        m.put("weight", weight);
        if (bias != null) {
            m.put("bias", bias);
        }
        return m;
    }
}
