package org.convlab.lab.reporting;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * convlab's one JSON convention, for every {@code --json} output, every results file and the
 * explorer's API: Jackson with snake_case keys (a record component {@code testAccuracy} becomes
 * {@code "test_accuracy"}; map keys are written in snake_case by their authors), pretty-printed
 * (on one line for the explorer's responses),
 * and NaN or infinite numbers written as {@code null} (also inside float and double arrays) so
 * that every document is valid JSON that any parser reads.
 */
public final class LabJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("finite")
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(double.class, new FiniteDouble())
                    .addSerializer(Float.class, new FiniteFloat())
                    .addSerializer(float.class, new FiniteFloat())
                    .addSerializer(double[].class, new FiniteDoubles())
                    .addSerializer(float[].class, new FiniteFloats()));

    private static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private LabJson() {
    }

    /** The JSON text of {@code value}. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
        }
    }

    /** The same convention on one line, for network responses (the explorer's API). */
    public static ObjectWriter compact() {
        return COMPACT;
    }

    /** The mapper (for streaming with its generator, or reading results back). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static void number(double v, JsonGenerator g) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    private static void number(float v, JsonGenerator g) throws IOException {
        if (Float.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    /** Finite doubles as numbers, the rest as null. */
    private static final class FiniteDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v == null) {
                g.writeNull();
            } else {
                number(v, g);
            }
        }
    }

    /** Finite floats as numbers (their shortest decimal form), the rest as null. */
    private static final class FiniteFloat extends StdSerializer<Float> {
        private static final long serialVersionUID = 1L;

        FiniteFloat() {
            super(Float.class);
        }

        @Override
        public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v == null) {
                g.writeNull();
            } else {
                number(v, g);
            }
        }
    }

    /** A double array with non-finite entries as null. */
    private static final class FiniteDoubles extends StdSerializer<double[]> {
        private static final long serialVersionUID = 1L;

        FiniteDoubles() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(values, values.length);
            for (double v : values) {
                number(v, g);
            }
            g.writeEndArray();
        }
    }

    /** A float array with non-finite entries as null. */
    private static final class FiniteFloats extends StdSerializer<float[]> {
        private static final long serialVersionUID = 1L;

        FiniteFloats() {
            super(float[].class);
        }

        @Override
        public void serialize(float[] values, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(values, values.length);
            for (float v : values) {
                number(v, g);
            }
            g.writeEndArray();
        }
    }
}
