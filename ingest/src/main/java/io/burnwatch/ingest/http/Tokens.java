package io.burnwatch.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * A set of configured tokens, checked the way both token filters (write and API) check them: in
 * constant time, every token compared whatever matched, so the time taken says nothing of how much
 * of a token was right. Blank tokens are left out; the tokens are never logged.
 */
public final class Tokens {

    private final List<byte[]> tokens;

    public Tokens(List<String> tokens) {
        this.tokens = tokens.stream().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** No tokens configured: authentication is off. */
    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** Whether {@code presented} is one of the tokens; false for null. */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] token : tokens) {
            ok |= MessageDigest.isEqual(token, bytes); // no early exit: the same work for every token
        }
        return ok;
    }

    /**
     * The password of Basic credentials ({@code base64(user:password)}, the user name not looked
     * at), which is where browsers and InfluxDB 1.x clients put a token; null when they do not decode.
     */
    public static String basicPassword(String credentials) {
        try {
            String pair = new String(Base64.getDecoder().decode(credentials.trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : pair.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
