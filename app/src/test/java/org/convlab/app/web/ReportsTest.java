package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reports page's files: served read-only from the report directory, nothing outside it. */
class ReportsTest {
    @TempDir
    static Path tmp;

    static Path report;
    static Path secret;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        report = tmp.resolve("report");
        Files.createDirectories(report);
        secret = tmp.resolve("secret.html");
        Files.writeString(secret, "<p>SECRET outside the report</p>");
        server = new TestServer(report);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Each test starts from an empty report directory. */
    @BeforeEach
    void empty() throws IOException {
        try (var files = Files.walk(report)) {
            files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(report)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void withoutAReportThePageSaysHowToMakeOne() {
        JsonNode r = server.get("/api/reports").json();
        assertThat(r.get("exists").asBoolean()).isFalse();
        assertThat(r.get("how").asText()).contains("./convlab reproduce");
        assertThat(server.get("/reports/index.html").status()).isEqualTo(404);
    }

    @Test
    void aReportIsServedWithItsFilesAndContentTypes() throws IOException {
        Files.writeString(report.resolve("index.html"), "<h1>convlab report</h1>");
        Files.createDirectories(report.resolve("figures"));
        Files.write(report.resolve("figures/curve-1.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(report.resolve("data.csv"), "epoch,accuracy\n1,0.5\n");
        JsonNode r = server.get("/api/reports").json();
        assertThat(r.get("exists").asBoolean()).isTrue();
        assertThat(r.get("index").asText()).isEqualTo("/reports/index.html");
        TestServer.Reply index = server.get("/reports/index.html");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(index.text()).isEqualTo("<h1>convlab report</h1>");
        TestServer.Reply png = server.get("/reports/figures/curve-1.png");
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.body()).hasSize(4);
        assertThat(server.get("/reports/data.csv").text()).startsWith("epoch,accuracy");
        TestServer.RawReply slash = server.raw("GET /reports/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(slash.status()).isEqualTo(302);
        assertThat(slash.text()).contains("Location: /reports/index.html");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/reports/../secret.html",
        "/reports/..%2fsecret.html",
        "/reports/%2e%2e/secret.html",
        "/reports/%2e%2e%2fsecret.html",
        "/reports/%252e%252e%252fsecret.html",
        "/reports/..%5csecret.html",
        "/reports/.%2e/secret.html",
        "/reports/figures/../../secret.html",
        "/reports//secret.html",
        "/reports/%2fetc%2fpasswd",
        "/reports/.hidden.html",
        "/reports/index.html%00.png",
        "/reports/link.html",
        "/reports/inside-link.html",
        "/reports/notes.exe",
        "/reports/figures",
        "/reports/a/b/c/d/e/f/g/h/i/j.html",
        "/reports/%c0%ae%c0%ae/secret.html",
    })
    void nothingOutsideTheReportDirectoryIsServed(String path) throws IOException {
        Files.writeString(report.resolve("index.html"), "<h1>convlab report</h1>");
        Files.writeString(report.resolve(".hidden.html"), "HIDDEN-CONTENT");
        Files.writeString(report.resolve("notes.exe"), "BINARY-CONTENT");
        Files.createDirectories(report.resolve("figures"));
        Files.createSymbolicLink(report.resolve("link.html"), secret);
        TestServer.RawReply r = server.raw(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.status()).as(r.text()).isBetween(400, 499);
        assertThat(r.text()).doesNotContain("SECRET").doesNotContain("HIDDEN-CONTENT").doesNotContain("BINARY-CONTENT");
        assertThat(server.log()).isEmpty();
    }

    @Test
    void aLinkInsideTheReportToAnotherReportFileIsServed() throws IOException {
        Files.writeString(report.resolve("index.html"), "<h1>convlab report</h1>");
        Files.createSymbolicLink(report.resolve("latest.html"), report.resolve("index.html"));
        assertThat(server.get("/reports/latest.html").text()).isEqualTo("<h1>convlab report</h1>");
    }
}
