package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 6: the server binds loopback only, and 1,000 malformed requests (bad methods,
 * bad paths, traversal attempts with their encodings, huge queries and headers, non-numeric and
 * out-of-range values, garbage bodies, truncated and random-byte requests over raw sockets) each
 * get a 4xx or a closed connection - never a 5xx, never an internal error, never a file from
 * outside - after which the server still answers correctly.
 */
class RobustnessTest {
    private static final int REQUESTS = 1_000;

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        Path report = tmp.resolve("report");
        Files.createDirectories(report);
        Files.writeString(report.resolve("index.html"), "<h1>report</h1>");
        Files.writeString(tmp.resolve("secret.html"), "SECRET-OUTSIDE");
        server = new TestServer(report);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theServerListensOnLoopbackOnly() throws IOException {
        assertThat(server.server().boundAddress().isLoopbackAddress()).isTrue();
        assertThat(server.server().boundAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(server.server().url()).startsWith("http://127.0.0.1:");
        // every non-loopback address of this machine refuses the port
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (!a.isLoopbackAddress() && a instanceof Inet4Address) {
                    others.add(a);
                }
            }
        }
        for (InetAddress a : others) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a, server.port()), 2_000);
                throw new AssertionError("the explorer answered on " + a + ":" + server.port());
            } catch (ConnectException | SocketTimeoutException expected) {
                // refused: nothing listens there
            }
        }
    }

    /** One malformed request: its kind (for the tally) and its raw bytes. */
    private record Malformed(String kind, byte[] bytes) {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] get(String target) {
        return ascii("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    private static String pick(Random rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String junk(Random rnd, int n, String alphabet) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** The 1,000 requests, drawn from a fixed seed. */
    static List<Malformed> requests() {
        Random rnd = new Random(20261125);
        String[] paths = {"/", "/api/conv", "/api/equivariance", "/api/equivariance/cnn.png", "/api/images",
            "/api/reports", "/reports/index.html", "/index.html", "/style.css"};
        String[] traversals = {
            "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/%252e%252e/%252e%252e/etc/passwd", "/reports/../secret.html", "/reports/..%2fsecret.html",
            "/reports/%2e%2e/secret.html", "/reports/%252e%252e%252fsecret.html", "/reports/..%5c..%5csecret.html",
            "/reports/.%2e/secret.html", "/reports/%c0%ae%c0%ae/secret.html", "/reports/..;/secret.html",
            "/reports/index.html%00.png", "/reports/%00", "//etc/passwd", "/reports//..//secret.html",
            "/..%00/etc/passwd", "/api/../reports/../../secret.html", "/static/%2e%2e%2f%2e%2e%2fsecret.html",
            "/reports/figures/../../secret.html", "/%u002e%u002e/secret.html", "/reports/..%252fsecret.html",
            "/./././../secret.html", "/reports/%2e%2e%5csecret.html", "/web/../secret.html",
        };
        String[] badValues = {
            "input=abc", "input=1e3", "input=0x10", "input=-5", "input=9x", "input=x9", "input=9x9x9x9", "input=",
            "kernel=three", "kernel=NaN", "kernel=3.0", "stride=%20", "padding=sam", "padding=1,2,3",
            "dilation=Infinity", "mode=zero", "same=both", "weights=yes", "seed=abc", "position=first",
            "image=-0.5", "input=%E2%88%9E", "input=%F0%9F%98%80", "kernel=2147483648", "stride=99999999999999999999",
        };
        String[] outOfRange = {
            "input=65", "input=100000", "input=17x17", "input=16x17", "kernel=17", "kernel=20x3", "stride=0",
            "stride=17", "dilation=9", "dilation=0", "padding=17", "padding=1,99", "position=49", "position=-1",
            "seed=-1", "seed=2147483648", "image=40", "image=99999999", "input=16x16&kernel=16&padding=full&dilation=8",
            "input=16x16&kernel=16x16&dilation=2&padding=full", "input=2&kernel=3", "input=4&kernel=3&padding=5&mode=reflect",
        };
        String[] methods = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO",
            "G E T", "get", "GET\u0000"};
        List<Malformed> out = new ArrayList<>();
        while (out.size() < REQUESTS) {
            int kind = out.size() % 12;
            switch (kind) {
                case 0 -> {
                    String m = pick(rnd, methods);
                    out.add(new Malformed("method", ascii(m + " " + pick(rnd, paths)
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")));
                }
                case 1 -> out.add(new Malformed("path", get(pick(rnd, "/", "/api/", "/reports/", "/x/")
                        + junk(rnd, 1 + rnd.nextInt(40), "abcdefghijklmnopqrstuvwxyz0123456789/._-~"))));
                case 2 -> out.add(new Malformed("traversal", get(pick(rnd, traversals))));
                case 3 -> {
                    int n = pick(rnd, "1100", "5000", "9000", "70000").equals("70000") ? 70_000
                            : 1_100 + rnd.nextInt(9_000);
                    out.add(new Malformed("huge query", get(pick(rnd, paths) + "?input="
                            + junk(rnd, n, "0123456789x&=abc%20"))));
                }
                case 4 -> out.add(new Malformed("non-numeric", get(pick(rnd, "/api/conv?", "/api/equivariance?",
                        "/api/equivariance/mlp.png?") + pick(rnd, badValues))));
                case 5 -> out.add(new Malformed("out of range", get(pick(rnd, "/api/conv?", "/api/equivariance?",
                        "/api/equivariance/input.png?") + pick(rnd, outOfRange))));
                case 6 -> {
                    // a small body with a method that takes one (405), or a body over the limit with any (413)
                    boolean small = rnd.nextBoolean();
                    byte[] body = new byte[small ? 50 + rnd.nextInt(500) : 2_000 + rnd.nextInt(50_000)];
                    rnd.nextBytes(body);
                    byte[] head = ascii((small ? pick(rnd, "POST", "PUT") : pick(rnd, "POST", "GET", "PUT")) + " "
                            + pick(rnd, paths)
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n");
                    byte[] all = new byte[head.length + body.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(body, 0, all, head.length, body.length);
                    out.add(new Malformed("garbage body", all));
                }
                case 7 -> {
                    // cut anywhere before the end of the headers, then the client closes its side
                    String full = "GET /api/conv?input=9&kernel=3 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n";
                    out.add(new Malformed("truncated", ascii(full.substring(0, 1 + rnd.nextInt(full.length() - 2)))));
                }
                case 8 -> {
                    byte[] b = new byte[1 + rnd.nextInt(400)];
                    rnd.nextBytes(b);
                    out.add(new Malformed("random bytes", b));
                }
                case 9 -> out.add(new Malformed("bad header", ascii(pick(rnd,
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1.evil.example:80\r\nConnection: close\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n",
                        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
                        "GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
                        "GET /\u00ff\u00fe HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                        "GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n"))));
                case 10 -> {
                    StringBuilder many = new StringBuilder("GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                    for (int i = 0; i < 300 + rnd.nextInt(400); i++) {
                        many.append("X-H").append(i).append(": ").append(junk(rnd, 30, "abcdef")).append("\r\n");
                    }
                    out.add(new Malformed("many headers", ascii(many.append("Connection: close\r\n\r\n").toString())));
                }
                default -> out.add(new Malformed("encoding", get(pick(rnd, "/api/conv?input=%zz",
                        "/api/conv?input=%", "/api/conv?%G0=1", "/api/conv?input=9%", "/api/conv?=&&=",
                        "/api/conv?input=9&input=10", "/api/conv?input=9%0A", "/api/conv?input=%C3%28",
                        "/api/conv?colour=red", "/api/images?x=1", "/api/info?debug=true", "/index.html?foo=bar"))));
            }
        }
        return out;
    }

    @Test
    void aThousandMalformedRequestsGetRefusalsAndTheServerStillAnswers() throws Exception {
        List<Malformed> all = requests();
        assertThat(all).hasSize(REQUESTS);
        Map<String, Map<Integer, Integer>> tally = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<TestServer.RawReply>> replies = new ArrayList<>();
            for (Malformed m : all) {
                replies.add(pool.submit(() -> send(m.bytes())));
            }
            for (int i = 0; i < all.size(); i++) {
                Malformed m = all.get(i);
                TestServer.RawReply r = replies.get(i).get();
                tally.computeIfAbsent(m.kind(), k -> new TreeMap<>()).merge(r.status(), 1, Integer::sum);
                String what = m.kind() + " #" + i + ": " + new String(m.bytes(), 0, Math.min(120, m.bytes().length),
                        StandardCharsets.ISO_8859_1);
                // a refusal (4xx) or a connection closed without an answer; never a success, never a 5xx
                assertThat(r.status()).as(what + "\n-> " + r.text().substring(0, Math.min(600, r.text().length()))).isIn(-1, 400, 403, 404, 405, 408, 411, 413, 414,
                        431, 501, 505);
                assertThat(r.text()).as(what).doesNotContain("SECRET-OUTSIDE").doesNotContain("root:x:0:0");
                if (r.status() >= 400) {
                    assertThat(r.body().strip()).as(what).doesNotContain("\n").doesNotContain("Exception")
                            .doesNotContain("<html");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("statuses by kind of malformed request: " + tally);
        assertThat(server.log()).as("internal errors reported by the server").isEmpty();
        // every kind was refused at least once with an HTTP answer
        assertThat(tally).hasSize(12);

        // ... and the server still answers, correctly
        TestServer.Reply conv = server.get("/api/conv?input=9&kernel=3&padding=same");
        assertThat(conv.status()).isEqualTo(200);
        JsonNode k = conv.json();
        assertThat(k.get("output").get(0).asInt()).isEqualTo(9);
        assertThat(k.get("elements").get(0).get("expression").asText()).isEqualTo("k2x1 + k3x2");
        TestServer.Reply eq = server.get("/api/equivariance?image=2&seed=5&position=17");
        assertThat(eq.status()).isEqualTo(200);
        assertThat(eq.json().get("errors").get("cnn").get("interior").asDouble()).isLessThan(1e-5);
        assertThat(server.get("/").text()).contains("convlab explorer");
        assertThat(server.get("/reports/index.html").text()).isEqualTo("<h1>report</h1>");
    }

    /** Sends raw bytes; a connection reset or refused write counts as "closed without an answer" (-1). */
    private static TestServer.RawReply send(byte[] bytes) {
        try {
            return server.raw(bytes);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof SocketException) {
                return new TestServer.RawReply(-1, "");
            }
            throw e;
        }
    }

    @Test
    void theExactMessagesOfEncodingMistakes() {
        TestServer.RawReply r = server.raw(get("/api/conv?input=%zz"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"query: expected percent-encoding like %20 (two hex digits after "
                + "each %), got '%zz'\",\"status\":400}");
        TestServer.RawReply host = server.raw(ascii("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"));
        assertThat(host.status()).isEqualTo(403);
        assertThat(host.body()).isEqualTo("403 host: expected 127.0.0.1 or localhost, got 'evil.example' "
                + "(the explorer is local only)\n");
        TestServer.RawReply body = server.raw(ascii("POST /api/conv HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000"
                + "\r\nConnection: close\r\n\r\n" + "x".repeat(5000)));
        assertThat(body.status()).isEqualTo(413);
        assertThat(body.body()).contains("body: expected at most 1024 bytes");
        TestServer.RawReply query = server.raw(get("/api/conv?input=" + "9".repeat(2000)));
        assertThat(query.status()).isEqualTo(414);
        assertThat(query.body()).contains("query: expected at most 1024 characters, got 2006");
    }

    @Test
    void theHostCheckAcceptsOnlyLoopbackNames() {
        assertThat(ExplorerServer.loopbackHost("127.0.0.1:8182")).isTrue();
        assertThat(ExplorerServer.loopbackHost("localhost")).isTrue();
        assertThat(ExplorerServer.loopbackHost("[::1]:80")).isTrue();
        assertThat(ExplorerServer.loopbackHost("LOCALHOST:1")).isTrue();
        assertThat(ExplorerServer.loopbackHost("127.0.0.1.evil.example")).isFalse();
        assertThat(ExplorerServer.loopbackHost("localhost:80@evil")).isFalse();
        assertThat(ExplorerServer.loopbackHost("evil.example:8182")).isFalse();
        assertThat(ExplorerServer.loopbackHost("[::1]x")).isFalse();
        assertThat(ExplorerServer.loopbackHost("")).isFalse();
    }
}
