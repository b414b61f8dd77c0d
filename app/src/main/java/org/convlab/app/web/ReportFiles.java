package org.convlab.app.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The report directory written by {@code ./convlab reproduce} (default {@code report/}), served
 * read-only under {@code /reports/}.
 *
 * <p>A request path is accepted only if every segment, decoded once, is a plain file name
 * ({@code [A-Za-z0-9_-][A-Za-z0-9._-]*}: no {@code ..}, no hidden files, no separators or
 * percent signs left after decoding, so double encoding fails too), the file has a known
 * extension, is a regular file, and its real path (symbolic links followed) lies inside the
 * real report directory. Anything else is 404, without saying which rule failed.
 */
public final class ReportFiles {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final int MAX_DEPTH = 8;
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/plain; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("pdf", "application/pdf"));

    private final Path root;

    /** @param root the report directory; it may not exist (yet) */
    public ReportFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The report directory. */
    public Path root() {
        return root;
    }

    /** A file to send: where it is, its content type and its length. */
    public record Found(Path path, String contentType, long length) {
    }

    /** {@code GET /api/reports}: whether a report exists, and where its index page is. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        Path index = root.resolve("index.html");
        boolean exists = Files.isRegularFile(index);
        m.put("exists", exists);
        m.put("directory", root.toString());
        if (exists) {
            m.put("index", "/reports/index.html");
            try {
                m.put("modified", Files.getLastModifiedTime(index).toInstant()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            } catch (IOException e) {
                m.put("modified", Instant.EPOCH.toString());
            }
        }
        m.put("how", "./convlab reproduce writes a report to " + root.getFileName() + "/ (its index.html is shown here)");
        return m;
    }

    /**
     * The file a raw (percent-encoded) path below {@code /reports/} names.
     *
     * @param rawPath the request path after {@code /reports/}, still encoded, e.g. {@code figures/a.png}
     * @throws WebException 404 for anything that is not a servable file inside the report directory
     */
    public Found find(String rawPath) {
        String shown = "/reports/" + QueryParams.shown(rawPath);
        WebException notFound = new WebException(404, "not found: " + shown
                + " (reports are served from " + root.getFileName() + "/ only)");
        if (rawPath.isEmpty()) {
            rawPath = "index.html";
        }
        String[] segments = rawPath.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            throw notFound;
        }
        Path file = root;
        for (String raw : segments) {
            String name;
            try {
                name = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw notFound;
            }
            if (!SEGMENT.matcher(name).matches()) {
                throw notFound;
            }
            file = file.resolve(name);
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null || !file.normalize().startsWith(root)) {
            throw notFound;
        }
        try {
            Path realRoot = root.toRealPath();
            Path real = file.toRealPath();
            BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!real.startsWith(realRoot) || !attrs.isRegularFile() || attrs.size() > Limits.REPORT_FILE) {
                throw notFound;
            }
            return new Found(real, type, attrs.size());
        } catch (IOException e) {
            throw notFound;
        }
    }
}
