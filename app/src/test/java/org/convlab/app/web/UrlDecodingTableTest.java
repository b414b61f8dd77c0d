package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request the server cannot decode is a 400, never a 5xx: a table of bad percent-encodings
 * and malformed UTF-8, in the path of every kind of route and in the query, sent over a raw
 * socket (a Java HTTP client would refuse to send most of them).
 */
class UrlDecodingTableTest {
    /** Bad encodings: % without two hex digits, %u escapes, non-ASCII "hex", overlong forms, surrogates, stray bytes. */
    private static final List<String> BAD = List.of("%", "%z", "%zz", "%u0041", "%u002e", "%%", "%1", "%G0", "%٣٣",
            "%ff", "%FF%FE", "%C0%80", "%C0%AE", "%E2%82", "%ED%A0%80", "%80", "%F8%88%80%80%80", "%F4%90%80%80",
            "%E0%80%AF", "%C1%BF");

    /** The path prefixes of the routes: pages, API, API files, reports. */
    private static final List<String> PREFIXES = List.of("/", "/api/", "/api/equivariance/", "/reports/",
            "/reports/figures/");

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        Path report = Files.createDirectories(tmp.resolve("report"));
        Files.writeString(report.resolve("index.html"), "<h1>report</h1>");
        server = new TestServer(report);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<String> targets() {
        List<String> t = new ArrayList<>();
        for (String bad : BAD) {
            for (String prefix : PREFIXES) {
                t.add(prefix + bad);
                t.add(prefix + "a" + bad + ".png");
            }
            t.add("/api/conv?input=" + bad);
            t.add("/api/conv?" + bad + "=9");
            t.add("/index.html?input=" + bad);
            t.add("/api/equivariance?seed=" + bad);
            t.add("/api/equivariance/cnn.png?position=" + bad);
            t.add("/api/reports?x" + bad);
        }
        return t.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("targets")
    void anUndecodableRequestIsA400(String target) {
        TestServer.RawReply r = server.raw(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as("status of %s: %s", target, r.text()).isEqualTo(400);
        assertThat(server.log()).as("internal errors").isEmpty();
    }

    @Test
    void wellFormedEncodingsStillWork() {
        assertThat(server.get("/api/conv?input=9&kernel=%33").json().get("output").toString()).contains("7");
        assertThat(server.get("/reports/index%2Ehtml").text()).isEqualTo("<h1>report</h1>");
        assertThat(UrlDecoding.decode("a+b%20c%C3%A9%E2%82%AC%F0%9F%98%80", true, "query")).isEqualTo("a b cé€😀");
        assertThat(UrlDecoding.decode("a+b", false, "path")).isEqualTo("a+b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%zz", "%u0041", "%C0%AE", "%ED%A0%80", "%ff"})
    void theDecoderRefusesNamingThePart(String bad) {
        assertThatThrownBy(() -> UrlDecoding.decode("x" + bad, true, "query")).isInstanceOf(WebException.class)
                .hasMessageStartingWith("query: expected percent-encod");
    }
}
