package org.convlab.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A running explorer on an ephemeral port of 127.0.0.1 with 40 synthetic glyphs as its images,
 * and a real HTTP client for it. Internal errors the server reports are kept in {@link #log()}.
 */
final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The data module's synthetic glyphs, 40 test images (image i has class i mod 10: ring, disc, square, plus...). */
    static final ImageSource IMAGES = ImageSources.load(
            org.convlab.data.DataSpec.parse("synthetic:train=10,test=40,seed=1"));

    private final StringWriter log = new StringWriter();
    private final ExplorerServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A started server whose reports come from {@code reports}. */
    TestServer(Path reports) {
        this(reports, java.util.List.of());
    }

    /** A started server whose reports come from {@code reports}, offering the saved {@code models} too. */
    TestServer(Path reports, java.util.List<Path> models) {
        System.setProperty("java.awt.headless", "true");
        server = new ExplorerServer(CompletableFuture.completedFuture(IMAGES), reports, models,
                new PrintWriter(log, true), false, "convlab test").start(0);
    }

    ExplorerServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    /** What the server reported as internal errors (empty when nothing went wrong). */
    String log() {
        return log.toString();
    }

    /** A response: status, content type and body. */
    record Reply(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }
    }

    /** GET {@code pathAndQuery} (already encoded). */
    Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    /** Any method with a body. */
    Reply send(String method, String pathAndQuery, byte[] body) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends raw bytes over a new TCP connection, half-closes it and reads until the server closes:
     * the status line's code, or -1 when the server closed without answering.
     */
    RawReply raw(byte[] request) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port()), 10_000);
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server may close early on a request it refuses (e.g. huge headers): read its answer
            }
            byte[] all;
            try {
                all = socket.getInputStream().readAllBytes();
            } catch (java.net.SocketException e) {
                all = new byte[0]; // reset by the server
            }
            String text = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
            int status = -1;
            if (text.startsWith("HTTP/1.")) {
                status = Integer.parseInt(text.substring(9, 12));
            }
            return new RawReply(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw answer: the status (-1 for none) and everything the server sent. */
    record RawReply(int status, String text) {
        /** The body after the headers. */
        String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
