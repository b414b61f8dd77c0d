package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.convlab.data.io.NpyFile;
import org.convlab.lab.train.ModelKind;
import org.convlab.lab.train.ModelSpec;
import org.convlab.nn.Sequential;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.onnx.OnnxImport;
import org.convlab.tensor.io.TensorFile;
import org.convlab.nn.init.Rng;
import org.convlab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export}, {@code import} and {@code predict} end to end through the command line: a model
 * trained by {@code train} leaves as ONNX and ONNX Runtime gives the logits {@code predict
 * --npy-out} gives; PyTorch's ThreeLayerConvNet enters by {@code import} and trains on with
 * {@code train --init-from}; PNG images get their top classes with the checkpoint's class names.
 */
class ModelFilesCommandTest {
    /** PyTorch's ThreeLayerConvNet for 1x28x28 (8 and 4 filters), from tools/onnx/make_fixtures.py. */
    static final Path TORCH_CONVNET = Path.of("../onnx/src/test/resources/onnx/three_layer_convnet.onnx");
    static final String DATA = "synthetic:size=12,train=300,test=100";

    @TempDir
    Path dir;

    private Path trainedCheckpoint() {
        Path ckpt = dir.resolve("run.ckpt");
        Cli r = Cli.run("train", "--data", DATA, "--val", "100", "--channels", "4,2", "--epochs", "1",
                "--eval-every", "0", "--save", ckpt.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        return ckpt;
    }

    @Test
    void anExportRunsInOnnxRuntimeWithTheLogitsPredictWrites() throws Exception {
        Path ckpt = trainedCheckpoint();
        Path onnx = dir.resolve("model.onnx");
        Cli export = Cli.run("export", "--checkpoint", ckpt.toString(), "--onnx", onnx.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("wrote      " + onnx, "ONNX opset 13, input (N, 1, 12, 12)");

        Tensor x = random(5, 1, 12, 12);
        Path in = dir.resolve("x.npy");
        Path out = dir.resolve("y.npy");
        NpyFile.write(in, x);
        Cli predict = Cli.run("predict", "--checkpoint", ckpt.toString(), "--npy", in.toString(), "--npy-out",
                out.toString(), "--batch", "2");
        assertThat(predict.exit()).as(predict.err()).isZero();
        Tensor convlab = NpyFile.read(out);
        assertThat(convlab.shape().toString()).isEqualTo(Tensor.zeros(5, 10).shape().toString());

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), new long[] {5, 1, 12, 12});
             OrtSession.Result result = s.run(Map.of("input", t))) {
            float[] ort = new float[50];
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(ort);
            for (int i = 0; i < ort.length; i++) {
                assertThat(convlab.data()[i]).as("logit %d", i).isCloseTo(ort[i], within(1e-5f + 1e-5f * Math.abs(ort[i])));
            }
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            assertThat(meta).containsKeys("input.shape", "input.mean", "input.std", "class_names");
            assertThat(meta.get("input.shape")).isEqualTo("1x12x12");
        }
    }

    @Test
    void aPyTorchModelImportedTrainsOnAndPredicts() throws Exception {
        Path ckpt = dir.resolve("torch.ckpt");
        Cli imp = Cli.run("import", "--onnx", TORCH_CONVNET.toString(), "--save", ckpt.toString());
        assertThat(imp.exit()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("(conv1): Conv2d(1, 8", "saved      " + ckpt, "none (pixels / 255)");
        assertThat(Checkpoints.loadModel(ckpt).stateDict()).containsKeys("conv1.weight", "fc.bias");

        Path next = dir.resolve("trained.ckpt");
        Cli train = Cli.run("train", "--data", "synthetic:train=400,test=20", "--val", "50", "--limit", "256", "--batch", "32",
                "--init-from", ckpt.toString(), "--epochs", "2", "--lr", "0.05", "--optimizer", "momentum",
                "--eval-every", "2", "--save", next.toString(), "--json", "--quiet");
        assertThat(train.exit()).as(train.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(train.out());
        JsonNode curve = j.get("curve");
        double first = curve.get(0).get("train_loss").asDouble();
        double last = curve.get(curve.size() - 1).get("train_loss").asDouble();
        assertThat(last).as("train loss from %s", curve).isLessThan(0.8 * first);

        Path png = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        Cli predict = Cli.run("predict", "--checkpoint", next.toString(), png.toString(), "--top", "10", "--json");
        assertThat(predict.exit()).as(predict.err()).isZero();
        JsonNode top = new ObjectMapper().readTree(predict.out()).get("predictions").get(0).get("top");
        assertThat(top.size()).isEqualTo(10);
        double sum = 0;
        for (JsonNode e : top) {
            sum += e.get("probability").asDouble();
            assertThat(e.get("name").asText()).isNotEqualTo(e.get("class").asText()); // the data's class names
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(top.get(0).get("probability").asDouble()).isGreaterThanOrEqualTo(top.get(1).get("probability").asDouble());
    }

    @Test
    void predictAppliesTheNormalisationAndNamesTheClasses() throws Exception {
        Path ckpt = trainedCheckpoint();
        Map<String, String> meta = Checkpoints.metadata(ckpt);
        float mean = Float.parseFloat(meta.get("data.mean").replaceAll("[\\[\\]]", ""));
        float std = Float.parseFloat(meta.get("data.std").replaceAll("[\\[\\]]", ""));
        BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
        Tensor x = Tensor.zeros(1, 1, 12, 12);
        Rng rng = new Rng(3);
        for (int y = 0; y < 12; y++) {
            for (int c = 0; c < 12; c++) {
                int p = rng.nextInt(256);
                img.getRaster().setSample(c, y, 0, p);
                x.set(((float) p / 255f - mean) / std, 0, 0, y, c);
            }
        }
        Path png = dir.resolve("digit.png");
        ImageIO.write(img, "png", png.toFile());
        Path in = dir.resolve("x.npy");
        Path out = dir.resolve("y.npy");
        NpyFile.write(in, x);
        assertThat(Cli.run("predict", "--checkpoint", ckpt.toString(), "--npy", in.toString(), "--npy-out",
                out.toString()).exit()).isZero();
        float[] logits = NpyFile.read(out).data();
        int best = 0;
        for (int k = 1; k < logits.length; k++) {
            best = logits[k] > logits[best] ? k : best;
        }
        Cli r = Cli.run("predict", "--checkpoint", ckpt.toString(), png.toString(), "--top", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        String name = new ObjectMapper().readTree(meta.get("data.class_names")).get(best).asText();
        double p = Softmax.of(logits, 0, logits.length)[best];
        assertThat(r.out().strip()).isEqualTo(String.format("%s  %s %.2f%%", png, name, 100 * p));
    }

    @Test
    void aVersionOneCheckpointIsRebuiltFromItsModelKindAndExported() throws Exception {
        Sequential mlp = new ModelSpec(ModelKind.MLP, 16, 32, 16).build(1, 12, 12, 10, new Rng(9));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "convlab-train-checkpoint");
        meta.put("checkpoint_version", "1");
        meta.put("config.model", "mlp");
        meta.put("config.hidden", "16");
        meta.put("config.channels", "32,16");
        meta.put("data.shape", "1x12x12");
        meta.put("data.classes", "10");
        meta.put("data.mean", "[0.5]");
        meta.put("data.std", "[0.25]");
        meta.put("optimizer_steps", "");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        mlp.stateDict().forEach((k, v) -> tensors.put("model/" + k, v));
        Path v1 = dir.resolve("v1.ckpt");
        TensorFile.write(v1, meta, tensors);

        Path onnx = dir.resolve("v1.onnx");
        Cli export = Cli.run("export", "--checkpoint", v1.toString(), "--onnx", onnx.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        Tensor x = random(2, 1, 12, 12);
        Sequential back = OnnxImport.read(onnx);
        assertThat(back.forward(x).data()).isEqualTo(mlp.forward(x).data());

        meta.remove("config.hidden");
        Path broken = dir.resolve("v1-broken.ckpt");
        TensorFile.write(broken, meta, tensors);
        Cli r = Cli.run("export", "--checkpoint", broken.toString(), "--onnx", onnx.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).contains(broken.toString(), "version-1", "re-save").doesNotContain("\n");
    }

    private static Tensor random(int... dims) {
        Tensor t = Tensor.zeros(dims);
        Rng rng = new Rng(5);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = rng.uniform(-2, 2);
        }
        return t;
    }
}
