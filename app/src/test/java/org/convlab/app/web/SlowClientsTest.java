package org.convlab.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that ask for a large report file and never read it hold at most
 * {@link Limits#STREAMS} sending slots; everyone else's requests still answer within a second,
 * and a report request beyond the slots gets a quick 503 instead of waiting.
 */
class SlowClientsTest {
    /** Larger than any loopback socket buffer, so a writer to a client that does not read blocks. */
    private static final int BIG = 48 << 20;

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        Path report = Files.createDirectories(tmp.resolve("report"));
        Files.writeString(report.resolve("index.html"), "<h1>report</h1>");
        Files.write(report.resolve("big.png"), new byte[BIG]);
        server = new TestServer(report);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clientsThatNeverReadDoNotStallOthers() throws Exception {
        for (String page : List.of("/api/info", "/", "/reports/index.html")) {
            assertThat(server.get(page).status()).as("warm-up %s", page).isEqualTo(200);
        }
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * Limits.STREAMS; i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                OutputStream out = s.getOutputStream();
                out.write(("GET /reports/big.png HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(s); // never read
            }
            Thread.sleep(500); // the server is now blocked writing to the first ones
            for (int round = 0; round < 5; round++) {
                for (String page : List.of("/api/info", "/", "/reports/index.html")) {
                    long start = System.nanoTime();
                    int status = server.get(page).status();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    assertThat(status).as(page).isIn(200, 503);
                    assertThat(seconds).as("%s while %d clients stall", page, stalled.size()).isLessThan(1.0);
                }
            }
            long start = System.nanoTime();
            TestServer.Reply extra = server.get("/reports/big.png");
            assertThat(extra.status()).isEqualTo(503);
            assertThat(extra.text()).contains("busy: " + Limits.STREAMS + " report files are being sent");
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        assertThat(server.log()).as("internal errors").isEmpty();
    }
}
