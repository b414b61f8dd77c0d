package org.convlab.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.convlab.lab.reporting.LabJson;

/**
 * The commands' JSON: convlab's one convention ({@link LabJson}: snake_case keys,
 * pretty-printed, non-finite numbers as null), under a short name for the app.
 */
final class Json {
    private Json() {
    }

    /** The JSON text of {@code value} (maps, lists, records, arrays, numbers, strings). */
    static String write(Object value) {
        return LabJson.write(value);
    }

    /** The shared mapper, for commands that stream or read JSON. */
    static ObjectMapper mapper() {
        return LabJson.mapper();
    }
}
