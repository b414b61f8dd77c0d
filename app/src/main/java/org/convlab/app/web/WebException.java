package org.convlab.app.web;

/**
 * A request the server refuses with an HTTP status other than 400 (404 not found, 413 body too
 * large, 414 query too long, 503 busy...), with a one-line message for the page.
 * Bad parameter values are {@link org.convlab.core.BadParameterException}s and become 400.
 */
public final class WebException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the HTTP status, 4xx or 5xx
     * @param message one line saying what was refused and why
     */
    public WebException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
