package org.convlab.app.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of a URL's path or query part: {@code %} must be followed by two hex
 * digits, and the decoded bytes must be well-formed UTF-8 (no overlong forms such as
 * {@code %C0%AE}, no surrogates, no stray continuation bytes). Anything else is refused with a
 * {@link WebException} 400, so that no undecodable request reaches a handler and ends as a 5xx.
 */
final class UrlDecoding {
    private UrlDecoding() {
    }

    /**
     * Decodes {@code raw}; {@code plusIsSpace} for query strings (form encoding).
     *
     * @param part what the text is, for the message ({@code "path"}, {@code "query"})
     * @throws WebException 400 when {@code raw} is not valid percent-encoded UTF-8
     */
    static String decode(String raw, boolean plusIsSpace, String part) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0 || !isAsciiHex(raw.charAt(i + 1)) || !isAsciiHex(raw.charAt(i + 2))) {
                    throw new WebException(400, part + ": expected percent-encoding like %20 (two hex digits after"
                            + " each %), got '" + QueryParams.shown(raw) + "'");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    b = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new WebException(400, part + ": expected percent-encoded UTF-8, got '" + QueryParams.shown(raw)
                    + "'");
        }
    }

    private static boolean isAsciiHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
