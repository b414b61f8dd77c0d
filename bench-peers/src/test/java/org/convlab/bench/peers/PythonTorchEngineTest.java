package org.convlab.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The warning when Debian's PyTorch multiplies matrices on the reference BLAS. */
class PythonTorchEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String warningFor(String librariesJson) throws Exception {
        return PythonTorchEngine.referenceBlasWarning(JSON.readTree(librariesJson));
    }

    @Test
    void theReferenceBlasIsNamed() throws Exception {
        String w = warningFor("[\"/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0\","
                + "\"/usr/lib/x86_64-linux-gnu/libdnnl.so.2.6\",\"/usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0\","
                + "\"/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so\"]");
        assertThat(w).contains("reference BLAS (/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0)")
                .contains("apt-get install libopenblas0-openmp");
    }

    @Test
    void openBlasOrMklOrNoBlasIsNoProblem() throws Exception {
        assertThat(warningFor("[\"/usr/lib/x86_64-linux-gnu/libdnnl.so.2.6\","
                + "\"/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3\","
                + "\"/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so\"]")).isNull();
        assertThat(warningFor("[\"/opt/intel/mkl/lib/libblas.so.3\"]")).isNull();
        assertThat(warningFor("[\"/usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0\"]")).isNull();
        assertThat(warningFor("[]")).isNull();
    }
}
