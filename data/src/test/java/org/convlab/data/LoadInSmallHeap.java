package org.convlab.data;

/** Loads Fashion-MNIST and runs one epoch of batches; run in a child JVM with a small heap by a test. */
public final class LoadInSmallHeap {
    private LoadInSmallHeap() {
    }

    public static void main(String[] args) {
        DataSet d = DataSets.load(DataSpec.parse("fashion-mnist"));
        Batcher b = Batcher.shuffled(d.train(), d.normalization(), 64, 7);
        int seen = 0;
        for (Batch x : b.epoch(0, b.newBatch())) {
            seen += x.size();
        }
        System.out.println(d.train().size() + d.validation().size() + d.test().size() + " images, " + seen + " batched");
    }
}
