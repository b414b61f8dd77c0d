package org.convlab.tensor.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WorkspaceTest {
    @Test
    void twoKeysAreTwoBuffersEvenWithTheSameName() {
        Workspace.Key a = Workspace.key("same");
        Workspace.Key b = Workspace.key("same");
        Workspace ws = new Workspace();
        float[] bufferA = ws.floats(a, 10);
        float[] bufferB = ws.floats(b, 10);
        assertThat(bufferA).isNotSameAs(bufferB);
        bufferA[3] = 7f;
        assertThat(ws.floats(b, 10)[3]).isZero();
        assertThat(ws.floats(a, 10)[3]).isEqualTo(7f);
    }

    @Test
    void aKeysBuffersAreKeptAndGrownNeverShrunk() {
        Workspace.Key k = Workspace.key("k");
        Workspace ws = new Workspace();
        float[][] first = ws.floats(k, 2, 100);
        assertThat(first).hasNumberOfRows(2);
        assertThat(first[0]).hasSizeGreaterThanOrEqualTo(100);
        float[][] smaller = ws.floats(k, 2, 50);
        assertThat(smaller[0]).isSameAs(first[0]);
        assertThat(smaller[1]).isSameAs(first[1]);
        float[][] larger = ws.floats(k, 3, 200);
        assertThat(larger).hasNumberOfRows(3);
        assertThat(larger[2]).hasSize(200);
        assertThat(larger[0]).hasSize(200);
        assertThat(ws.heldFloats()).isEqualTo(600);
    }

    @Test
    void floatAndIntBuffersOfOneKeyAreSeparate() {
        Workspace.Key k = Workspace.key("k");
        Workspace ws = new Workspace();
        ws.floats(k, 4)[0] = 1f;
        int[][] ints = ws.ints(k, 1, 4);
        assertThat(ints[0]).containsOnly(0);
        assertThat(ws.floats(k, 4)[0]).isEqualTo(1f);
    }

    @Test
    void keysMadeOnManyThreadsAreAllDistinctBuffers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Workspace.Key>>> made = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                made.add(pool.submit(() -> {
                    List<Workspace.Key> keys = new ArrayList<>();
                    for (int i = 0; i < 250; i++) {
                        keys.add(Workspace.key("k" + i));
                    }
                    return keys;
                }));
            }
            Workspace ws = new Workspace();
            Set<float[]> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Future<List<Workspace.Key>> f : made) {
                for (Workspace.Key k : f.get()) {
                    buffers.add(ws.floats(k, 1));
                }
            }
            assertThat(buffers).hasSize(1000);
        } finally {
            pool.shutdown();
        }
    }
}
