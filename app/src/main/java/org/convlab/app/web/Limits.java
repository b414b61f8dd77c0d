package org.convlab.app.web;

import java.time.Duration;

/**
 * Every bound the explorer puts on a request, in one place, so that no single request can make
 * the server do unbounded work or hold unbounded memory. The pages show these numbers when a
 * value is refused.
 */
public final class Limits {
    /** Longest 1-D input of the convolution explorer. */
    public static final int INPUT_1D = 64;
    /** Longest side of a 2-D input of the convolution explorer. */
    public static final int INPUT_2D = 16;
    /** Largest kernel side. */
    public static final int KERNEL = 16;
    /** Most input channels and most filters the convolution page draws (each is a plane of its own). */
    public static final int CHANNELS = 4;
    /** Largest stride. */
    public static final int STRIDE = 16;
    /** Largest dilation. */
    public static final int DILATION = 8;
    /** Largest explicit padding on one side. */
    public static final int PADDING = 16;
    /** Largest matrix K shown, rows * columns (256 x 256: a 16 x 16 input with 'same' padding). */
    public static final long MATRIX_ENTRIES = 65_536;

    /** Largest seed of the equivariance models. */
    public static final long SEED = Integer.MAX_VALUE;

    /** Longest query string, in characters (Jetty refuses request lines over 8 KiB before this). */
    public static final int QUERY = 1_024;
    /** Longest value of one parameter, in characters. */
    public static final int PARAMETER = 64;
    /** Largest request body accepted; every endpoint is a GET, so this only bounds garbage. */
    public static final int BODY = 1_024;
    /** Request line plus headers, in bytes (Jetty answers 431 above it). */
    public static final int HEADERS = 8_192;

    /** Requests computing at once (the rest wait up to {@link #BUSY_WAIT}, then get 503). */
    public static final int HEAVY_CONCURRENT = 2;
    /** How long a request waits for a computing slot. */
    public static final Duration BUSY_WAIT = Duration.ofSeconds(10);
    /** Jetty's worker threads. */
    public static final int THREADS = 16;
    /** A connection idle for this long is closed (slow or stuck clients). */
    public static final Duration IDLE = Duration.ofSeconds(20);

    /**
     * Report files being sent at once: a client that asks for a large file and never reads holds
     * one of these (and a worker thread) until {@link #IDLE}, never more, so the other
     * {@link #THREADS} workers keep answering everyone else.
     */
    public static final int STREAMS = 4;
    /** How long a report request waits for a sending slot before its 503. */
    public static final Duration STREAM_WAIT = Duration.ofMillis(250);

    /** Largest checkpoint the equivariance page opens, in bytes (the lab's CNN on 28x28 images is about 0.5 MB). */
    public static final long CHECKPOINT = 32L << 20;
    /** Most saved models of the report's {@code runs/} folder offered. */
    public static final int MODELS = 64;
    /** Largest run record ({@code runs/*.json}) read for a model's name, in bytes. */
    public static final long RECORD = 64L << 10;

    /** Largest report file served. */
    public static final long REPORT_FILE = 64L << 20;

    private Limits() {
    }
}
