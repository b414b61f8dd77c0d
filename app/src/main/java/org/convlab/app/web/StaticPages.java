package org.convlab.app.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explorer's own pages, scripts and style: a fixed list of resources under {@code /web/},
 * read once at start-up and served from memory. A request names one of them or gets 404, so
 * no request path ever reaches the file system or the class path.
 */
public final class StaticPages {
    /** The files under {@code resources/web/}, served at {@code /NAME}. */
    static final String[] FILES = {
        "index.html", "equivariance.html", "reports.html", "style.css",
        "common.js", "conv.js", "equivariance.js", "reports.js", "favicon.svg",
    };

    /** A file's bytes and content type. */
    public record Page(byte[] bytes, String contentType) {
    }

    private final Map<String, Page> pages = new LinkedHashMap<>();

    /** Reads every file of {@link #FILES}; a missing one is a packaging bug. */
    public StaticPages() {
        for (String name : FILES) {
            try (InputStream in = StaticPages.class.getResourceAsStream("/web/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("resource /web/" + name + " is missing from the jar");
                }
                pages.put(name, new Page(in.readAllBytes(), type(name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The page called {@code name} (e.g. {@code index.html}), or null. */
    public Page get(String name) {
        return pages.get(name);
    }

    private static String type(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        throw new IllegalStateException("no content type for " + name);
    }
}
