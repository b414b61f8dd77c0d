package org.convlab.lab.progress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What the progress bars write through: a command's standard error (a {@link PrintWriter}) as the
 * {@link PrintStream} the progressbar library wants, the terminal's width, and the bars' style.
 */
final class TerminalStream {
    private static final int DEFAULT_WIDTH = 110;

    private TerminalStream() {
    }

    /** A stream whose bytes go to {@code err}, decoded as UTF-8 at each flush. */
    static PrintStream of(PrintWriter err) {
        return new PrintStream(new WriterStream(err), true, StandardCharsets.UTF_8);
    }

    /** A bar of {@code task} up to {@code max} on {@code stream}: the style every bar of convlab's has. */
    static ProgressBar bar(PrintStream stream, String task, long max) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(stream, width()))
                .build();
    }

    /** The terminal's columns ({@code COLUMNS}, at least 60), else 110. */
    static int width() {
        try {
            String c = System.getenv("COLUMNS");
            return c == null ? DEFAULT_WIDTH : Math.max(60, Integer.parseInt(c.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /** Bytes to a PrintWriter, decoded as UTF-8. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter w;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        WriterStream(PrintWriter w) {
            this.w = w;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            w.write(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
            w.flush();
        }
    }
}
