package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convlab.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./convlab serve}: its refusals in-process, and a real start in a child JVM. */
class ServeCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadPortOrDataSpecIsAUsageErrorNamingTheOption() {
        Run port = run("serve", "--port", "70000");
        assertThat(port.exit()).isEqualTo(2);
        assertThat(port.err().strip()).isEqualTo("convlab serve: --port: expected a port from 0 to 65535 (0 picks a free one), got 70000");
        Run word = run("serve", "--port", "web");
        assertThat(word.exit()).isEqualTo(2);
        assertThat(word.err()).contains("--port").contains("'web'");
        Run data = run("serve", "--port", "0", "--data", "imagenet");
        assertThat(data.exit()).isEqualTo(2);
        assertThat(data.err()).startsWith("convlab serve: --data: expected ").contains("imagenet");
        assertThat(data.out()).isEmpty();
    }

    @Test
    void aMissingOrOversizedModelIsOneLineBeforeAnythingStarts(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.ckpt");
        Run gone = run("serve", "--port", "0", "--model", missing.toString());
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err().strip()).isEqualTo("convlab serve: " + missing + ": no such file (given to --model)");
        assertThat(gone.out()).isEmpty();
        Path huge = dir.resolve("huge.ckpt");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(Limits.CHECKPOINT + 1);
        }
        Run big = run("serve", "--port", "0", "--model", huge.toString());
        assertThat(big.exit()).isEqualTo(1);
        assertThat(big.err().strip()).isEqualTo("convlab serve: " + huge + ": is 33554433 bytes; the explorer opens "
                + "checkpoints of at most 33554432 bytes (given to --model)");
    }

    @Test
    void aPortInUseIsOneLineAndExitCodeOne() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Run r = run("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("convlab serve: --port: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is in use").endsWith("choose another with --port N, or --port 0 for a free one")
                    .doesNotContain("\n");
        }
    }

    @Test
    void helpDescribesTheCommand() {
        Run r = run("serve", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("127.0.0.1").contains("--port").contains("--data").contains("--reports");
    }

    /** Starts {@code convlab serve --port 0} in a child JVM, reads the URL it prints and asks it for pages. */
    @Test
    void startsPrintsItsUrlAndServes(@TempDir Path reports) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0",
                "--data", "synthetic:train=10,test=20", "--reports", reports.toString()));
        Path errors = reports.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).as("first line; standard error: %s", Files.exists(errors)
                    ? Files.readString(errors) : "").isNotNull();
            Matcher m = Pattern.compile("convlab explorer: (http://127\\.0\\.0\\.1:(\\d+)/)").matcher(first);
            assertThat(m.matches()).as(first).isTrue();
            String url = m.group(1);
            List<String> lines = new ArrayList<>();
            for (String line = out.readLine(); line != null && !line.startsWith("images:"); line = out.readLine()) {
                lines.add(line);
            }
            assertThat(lines).contains("listening on 127.0.0.1 only; stop with Ctrl-C");
            assertThat(lines).contains("  saved models  0 offered on the equivariance page (--model FILE, or " + reports
                    + "/runs/*.ckpt from ./convlab reproduce)");
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>convlab explorer: convolution</title>");
            HttpResponse<String> eq = client.send(HttpRequest.newBuilder(URI.create(url
                    + "api/equivariance?image=3&position=5")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(eq.statusCode()).isEqualTo(200);
            assertThat(eq.body()).contains("\"label\":\"plus\"");
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
