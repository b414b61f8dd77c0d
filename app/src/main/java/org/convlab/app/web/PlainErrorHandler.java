package org.convlab.app.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests it refuses before they reach the explorer (malformed HTTP,
 * ambiguous paths such as {@code /%2e%2e/}, oversized headers): one line of plain text, e.g.
 * {@code 400 bad request: Ambiguous URI path segment}, instead of an HTML page.
 */
final class PlainErrorHandler extends ErrorHandler {
    PlainErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String reason = HttpStatus.getMessage(code).toLowerCase(java.util.Locale.ROOT);
        String detail = message == null || message.isBlank() || message.equalsIgnoreCase(reason) ? ""
                : ": " + ExplorerServer.oneLine(message);
        byte[] body = (code + " " + reason + detail + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
