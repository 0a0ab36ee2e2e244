package io.burnwatch.ingest.lineprotocol;

import java.nio.charset.StandardCharsets;

/** How the decoder's error messages show bytes of the input: quoted, clipped, controls escaped. */
final class ErrorText {

    /** Longest token quoted in a message, in bytes. */
    static final int MAX_QUOTED_BYTES = 64;

    /** Width of the {@link LineError#text()} window around the error, in bytes. */
    static final int WINDOW_BYTES = 120;

    private ErrorText() {
    }

    /**
     * The error of the line that starts at {@code entryStart} (line {@code entryLine}), found at
     * byte {@code at}: the line and column of {@code at} (a string value may have spanned lines),
     * and a window of the line around it.
     */
    static LineError lineError(byte[] buf, int base, int end, int entryStart, int entryLine, int at, String message) {
        int line = entryLine;
        int lineStart = entryStart;
        for (int i = entryStart; i < at; i++) {
            if (buf[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        if (lineStart == entryStart) {
            while (lineStart > base && buf[lineStart - 1] != '\n') {
                lineStart--; // the spaces before the line belong to it
            }
        }
        int from = Math.max(lineStart, at - WINDOW_BYTES / 2);
        int to = from;
        while (to < end && to - from < WINDOW_BYTES && buf[to] != '\n' && buf[to] != '\r') {
            to++;
        }
        String text = (from > lineStart ? "…" : "")
                + new String(buf, from, to - from, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?")
                + (to < end && buf[to] != '\n' && buf[to] != '\r' ? "…" : "");
        return new LineError(line, at - lineStart + 1, at - base, message, text);
    }

    /** {@code a[from, to)} as text for a message: at most 64 bytes, controls as {@code \xNN}. */
    static String clip(byte[] a, int from, int to) {
        boolean clipped = to - from > MAX_QUOTED_BYTES;
        String s = new String(a, from, Math.min(to - from, MAX_QUOTED_BYTES), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return clipped ? out.append('…').toString() : out.toString();
    }

    /** One byte, quoted: {@code 'x'}, {@code '\t'}, {@code '\x01'}. */
    static String show(byte c) {
        switch (c) {
            case '\t':
                return "'\\t'";
            case '\n':
                return "'\\n'";
            case '\r':
                return "'\\r'";
            case '\'':
                return "\"'\"";
            default:
                if (c >= 0x20 && c < 0x7F) {
                    return "'" + (char) c + "'";
                }
                return String.format("'\\x%02x'", c & 0xFF);
        }
    }
}
