package org.convlab.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.convlab.core.BadParameterException;
import org.convlab.core.ConvlabException;
import org.convlab.lab.reporting.LabJson;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The explorer's HTTP server: Javalin on Jetty 12, bound to 127.0.0.1 only.
 *
 * <pre>
 * GET /, /equivariance.html, /reports.html    the three pages (and their .css/.js, from memory)
 * GET /api/info                               version, limits, where the images and reports come from
 * GET /api/conv?input=9&amp;kernel=3&amp;...          {@link ConvolutionView}
 * GET /api/images                             the image source and its named examples
 * GET /api/equivariance?image=&amp;seed=&amp;position=  {@link EquivarianceService}
 * GET /api/equivariance/{input,cnn,mlp}.png?...  the three images
 * GET /api/models                             {@link SavedModels}: the saved models offered, by id
 * GET /api/models/equivariance?model=&amp;image=&amp;position=  {@link TrainedEquivariance}
 * GET /api/models/equivariance.png?...         its first feature maps
 * GET /api/reports                            whether a report exists
 * GET /reports/PATH                           {@link ReportFiles}, read-only
 * </pre>
 *
 * Every refusal is a 4xx (5xx for a failure of the server's own) with one line: JSON
 * {@code {"error": "...", "status": N}} under {@code /api/}, plain text elsewhere. Requests are
 * bounded before any work: the Host header must name the loopback address (no DNS rebinding),
 * the query at most {@link Limits#QUERY} characters, the body at most {@link Limits#BODY} bytes,
 * headers at most {@link Limits#HEADERS} bytes (Jetty), and at most
 * {@link Limits#HEAVY_CONCURRENT} requests compute at once ({@link WorkGate}).
 */
public final class ExplorerServer implements AutoCloseable {
    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; frame-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    /** Request attribute set once a refusal is written, so that the 404 handler does not overwrite it. */
    private static final String REFUSED = "convlab.refused";

    private final StaticPages pages = new StaticPages();
    private final EquivarianceService equivariance;
    private final TrainedEquivariance trained;
    private final ReportFiles reports;
    private final WorkGate gate;
    /** Bounds the report files sent at once (slow or stalled readers hold a slot, not the server). */
    private final WorkGate sending;
    private final PrintWriter log;
    private final boolean debug;
    private final String version;
    private Javalin app;

    /**
     * A server not yet started.
     *
     * @param images   the equivariance page's images (may still be loading)
     * @param reports  the report directory (may not exist)
     * @param log      where internal errors are reported, one line each
     * @param debug    whether internal errors are reported with their stack trace
     * @param version  shown by {@code /api/info}
     */
    public ExplorerServer(CompletableFuture<ImageSource> images, Path reports, PrintWriter log, boolean debug,
                          String version) {
        this(images, reports, List.of(), log, debug, version);
    }

    /**
     * A server not yet started that also offers saved models on the equivariance page.
     *
     * @param images   the equivariance page's images (may still be loading)
     * @param reports  the report directory (may not exist); its {@code runs/} checkpoints are offered too
     * @param models   checkpoints offered on the equivariance page (given by the user)
     * @param log      where internal errors are reported, one line each
     * @param debug    whether internal errors are reported with their stack trace
     * @param version  shown by {@code /api/info}
     */
    public ExplorerServer(CompletableFuture<ImageSource> images, Path reports, List<Path> models, PrintWriter log,
                          boolean debug, String version) {
        this.equivariance = new EquivarianceService(images);
        this.trained = new TrainedEquivariance(equivariance, new SavedModels(reports, models));
        this.reports = new ReportFiles(reports);
        this.gate = new WorkGate(Limits.HEAVY_CONCURRENT, Limits.BUSY_WAIT.toMillis());
        this.sending = new WorkGate(Limits.STREAMS, Limits.STREAM_WAIT.toMillis(),
                "busy: " + Limits.STREAMS + " report files are being sent; try again in a moment");
        this.log = log;
        this.debug = debug;
        this.version = version;
    }

    /**
     * Starts listening on 127.0.0.1:{@code port} ({@code 0} picks a free port).
     *
     * @throws ConvlabException (exit 1) when the port is taken or cannot be bound
     */
    public ExplorerServer start(int port) {
        if (port < 0 || port > 65_535) {
            throw new BadParameterException("--port", "a port from 0 to 65535 (0 picks a free one)", port);
        }
        QueuedThreadPool threads = new QueuedThreadPool(Limits.THREADS, 2, (int) Limits.IDLE.toMillis(),
                new ArrayBlockingQueue<>(256));
        threads.setName("convlab-web");
        threads.setDaemon(true);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(Limits.HEADERS);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            config.jetty.modifyServer(server -> server.setErrorHandler(new PlainErrorHandler()));
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(HOST);
                connector.setPort(port);
                connector.setIdleTimeout(Limits.IDLE.toMillis());
                return connector;
            });
            config.http.maxRequestSize = Limits.BODY;
            config.http.generateEtags = false;
            config.http.prefer405over404 = true;
            config.router.javaLangErrorHandler((response, error) -> {
                report(error);
                try {
                    response.setStatus(500);
                    response.setContentType("text/plain; charset=utf-8");
                    response.getWriter().write("internal error: " + error.getClass().getSimpleName());
                } catch (IOException | IllegalStateException ignored) {
                    // the response is gone; nothing more to say
                }
            });
            routes(config);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            app = null;
            throw bindFailure(port, e);
        }
        return this;
    }

    private static ConvlabException bindFailure(int port, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new ConvlabException(ConvlabException.EXIT_RUNTIME, "--port: port " + port + " on " + HOST
                        + " is in use or not allowed (" + t.getMessage() + "); choose another with --port N, "
                        + "or --port 0 for a free one");
            }
        }
        return new ConvlabException(ConvlabException.EXIT_RUNTIME, "the web server could not start: " + e, e);
    }

    private void routes(io.javalin.config.JavalinConfig config) {
        var r = config.routes;
        r.before(this::guard);
        r.get("/", ctx -> page(ctx, "index.html"));
        r.get("/reports", ctx -> ctx.redirect("/reports/index.html"));
        r.get("/{file}", ctx -> page(ctx, ctx.pathParam("file")));
        r.get("/api/info", ctx -> json(ctx, info(QueryParams.parse(ctx.queryString(), Set.of()))));
        r.get("/api/conv", ctx -> json(ctx, gate.run(() ->
                ConvolutionView.describe(QueryParams.parse(ctx.queryString(), ConvolutionView.PARAMETERS)))));
        r.get("/api/images", ctx -> {
            QueryParams.parse(ctx.queryString(), Set.of());
            json(ctx, equivariance.catalogue());
        });
        r.get("/api/equivariance", ctx -> json(ctx, gate.run(() ->
                equivariance.describe(QueryParams.parse(ctx.queryString(), EquivarianceService.PARAMETERS)))));
        r.get("/api/equivariance/{file}", ctx -> {
            String file = ctx.pathParam("file");
            if (!file.endsWith(".png")) {
                throw new WebException(404, "not found: " + QueryParams.shown(ctx.path())
                        + " (the images are input.png, cnn.png and mlp.png)");
            }
            QueryParams q = QueryParams.parse(ctx.queryString(), EquivarianceService.PARAMETERS);
            byte[] png = gate.run(() -> equivariance.png(file.substring(0, file.length() - 4), q));
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType("image/png").result(png);
        });
        r.get("/api/models", ctx -> {
            QueryParams.parse(ctx.queryString(), Set.of());
            json(ctx, trained.catalogue());
        });
        r.get("/api/models/equivariance", ctx -> json(ctx, gate.run(() ->
                trained.describe(QueryParams.parse(ctx.queryString(), TrainedEquivariance.PARAMETERS)))));
        r.get("/api/models/equivariance.png", ctx -> {
            QueryParams q = QueryParams.parse(ctx.queryString(), TrainedEquivariance.PARAMETERS);
            byte[] png = gate.run(() -> trained.png(q));
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType("image/png").result(png);
        });
        r.get("/api/reports", ctx -> {
            QueryParams.parse(ctx.queryString(), Set.of());
            json(ctx, reports.describe());
        });
        r.get("/reports/<path>", this::reportFile);
        r.exception(BadParameterException.class, (e, ctx) -> refuse(ctx, 400, e.getMessage()));
        r.exception(WebException.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage()));
        r.exception(ConvlabException.class, (e, ctx) -> refuse(ctx, 400, e.getMessage()));
        r.exception(Exception.class, (e, ctx) -> {
            report(e);
            refuse(ctx, 500, "internal error: " + e.getClass().getSimpleName() + " (see the server's output)");
        });
        r.error(404, ctx -> {
            if (ctx.attribute(REFUSED) == null) {
                refuse(ctx, 404, "not found: " + QueryParams.shown(ctx.path()));
            }
        });
        r.error(405, ctx -> refuse(ctx, 405, "method not allowed: " + ctx.method() + " "
                + QueryParams.shown(ctx.path()) + " (the explorer only answers GET)"));
    }

    /** Checks every request before routing: loopback Host, bounded query and body; sets safe headers. */
    private void guard(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "SAMEORIGIN");
        if (!ctx.path().startsWith("/reports/")) {
            ctx.header("Content-Security-Policy", CSP);
        }
        String host = ctx.header("Host");
        if (host != null && !loopbackHost(host)) {
            throw new WebException(403, "host: expected 127.0.0.1 or localhost, got '" + QueryParams.shown(host)
                    + "' (the explorer is local only)");
        }
        // Every handler may decode the path (path parameters, report files): refuse what cannot be decoded here.
        String rawPath = ctx.req().getRequestURI();
        UrlDecoding.decode(rawPath == null ? "" : rawPath, false, "path");
        String query = ctx.queryString();
        if (query != null && query.length() > Limits.QUERY) {
            throw new WebException(414, "query: expected at most " + Limits.QUERY + " characters, got "
                    + query.length());
        }
        long length = ctx.req().getContentLengthLong();
        if (length > Limits.BODY || length < 0 && ctx.header("Transfer-Encoding") != null) {
            throw new WebException(413, "body: expected at most " + Limits.BODY + " bytes (the explorer only answers"
                    + " GET), got " + (length < 0 ? "a chunked body" : length + " bytes"));
        }
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            throw new WebException(405, "method not allowed: " + QueryParams.shown(ctx.method().name()) + " "
                    + QueryParams.shown(ctx.path()) + " (the explorer only answers GET)");
        }
    }

    static boolean loopbackHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            String name = close < 0 ? h : h.substring(0, close + 1);
            return LOOPBACK_NAMES.contains(name) && validPort(h.substring(name.length()));
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return LOOPBACK_NAMES.contains(name) && validPort(colon < 0 ? "" : h.substring(colon));
    }

    private static boolean validPort(String rest) {
        return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
    }

    private void page(Context ctx, String name) {
        StaticPages.Page p = pages.get(name);
        if (p == null) {
            throw new WebException(404, "not found: /" + QueryParams.shown(name));
        }
        Set<String> pageParameters = new java.util.HashSet<>(ConvolutionView.PARAMETERS);
        pageParameters.addAll(Set.of("image", "seed", "position", "select", "model"));
        QueryParams.parse(ctx.queryString(), name.endsWith(".html") ? pageParameters : Set.of());
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(p.contentType()).result(p.bytes());
    }

    private void reportFile(Context ctx) {
        String uri = ctx.req().getRequestURI();
        String raw = uri.startsWith("/reports/") ? uri.substring("/reports/".length()) : "";
        ReportFiles.Found f = reports.find(raw);
        InputStream in;
        try {
            in = Files.newInputStream(f.path());
        } catch (IOException e) {
            throw new WebException(404, "not found: /reports/" + QueryParams.shown(raw));
        }
        try (in) {
            sending.run(() -> {
                ctx.header("Cache-Control", "no-cache");
                ctx.contentType(f.contentType());
                ctx.res().setContentLengthLong(f.length());
                try {
                    // written here, inside the slot: a reader that stops holds the slot until the idle timeout
                    in.transferTo(ctx.res().getOutputStream());
                    ctx.res().getOutputStream().flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (UncheckedIOException | IOException e) {
            // the client went away or stopped reading past the idle timeout: nothing left to answer
        }
    }

    private Map<String, Object> info(QueryParams ignored) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("input_1d", Limits.INPUT_1D);
        limits.put("input_2d", Limits.INPUT_2D);
        limits.put("channels", Limits.CHANNELS);
        limits.put("kernel", Limits.KERNEL);
        limits.put("stride", Limits.STRIDE);
        limits.put("dilation", Limits.DILATION);
        limits.put("padding", Limits.PADDING);
        limits.put("matrix_entries", Limits.MATRIX_ENTRIES);
        limits.put("seed", Limits.SEED);
        limits.put("query", Limits.QUERY);
        limits.put("body", Limits.BODY);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("limits", limits);
        m.put("reports", reports.root().toString());
        return m;
    }

    private static void json(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(LabJson.compact().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refuse(Context ctx, int status, String message) {
        ctx.attribute(REFUSED, Boolean.TRUE);
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", oneLine(message));
            m.put("status", status);
            json(ctx, m);
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(status + " " + oneLine(message) + "\n");
        }
    }

    /** The message on one line: control characters become spaces, at most 400 characters. */
    static String oneLine(String message) {
        String m = message == null ? "" : message;
        StringBuilder s = new StringBuilder(Math.min(m.length(), 400));
        for (int i = 0; i < m.length() && s.length() < 400; i++) {
            char c = m.charAt(i);
            s.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return s.toString();
    }

    private void report(Throwable t) {
        synchronized (log) {
            log.println("convlab serve: internal error: " + t);
            if (debug) {
                t.printStackTrace(log);
            }
            log.flush();
        }
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public String url() {
        return "http://" + HOST + ":" + port() + "/";
    }

    /** The address the server is bound to, for checks. */
    public InetAddress boundAddress() {
        ServerConnector c = (ServerConnector) app.jettyServer().server().getConnectors()[0];
        try {
            return InetAddress.getByName(c.getHost());
        } catch (java.net.UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many saved models the equivariance page offers now. */
    public int savedModels() {
        return trained.catalogue().get("models") instanceof List<?> l ? l.size() : 0;
    }

    /** The equivariance computations (for tests and reports). */
    public EquivarianceService equivariance() {
        return equivariance;
    }

    /** Loads what the first requests need (Jackson, ImageIO) on a background thread, after start-up. */
    public void warmUp() {
        Thread t = new Thread(() -> {
            try {
                LabJson.compact().writeValueAsBytes(Map.of("warm", 1));
                Png.grey(new float[1], 1, 1);
            } catch (JsonProcessingException | RuntimeException ignored) {
                // a failure here shows up again, and is reported, in the request that needs it
            }
        }, "convlab-web-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
