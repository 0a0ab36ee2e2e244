package io.burnwatch.jobs.sinks;

import io.burnwatch.core.model.Durations;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the sink settings file, read key by key with the key's path in every error
 * ({@code alertmanager.urls[1]: …}). {@code ${NAME}} in a string is replaced by the environment
 * variable NAME (an unset one is an error), so secrets stay out of the file. {@link #finish()}
 * fails on keys nobody read: a misspelt setting is an error, not a silent default.
 */
final class SettingsMap {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String path;
    private final Map<?, ?> values;
    private final Function<String, String> env;
    private final Set<String> read = new LinkedHashSet<>();

    SettingsMap(String path, Map<?, ?> values, Function<String, String> env) {
        this.path = path;
        this.values = values;
        this.env = env;
    }

    boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    String string(String key, String fallback) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw error(key, "expected a single value, got " + (v instanceof Map ? "a mapping" : "a list"));
        }
        return substitute(key, v.toString());
    }

    String required(String key) {
        String v = string(key, "");
        if (v.isBlank()) {
            throw error(key, "missing; it is required");
        }
        return v;
    }

    /** A secret: a password, token or key (write it as {@code ${ENV_VARIABLE}} to keep it out of the file). */
    Secret secret(String key) {
        String v = string(key, "");
        return v.isEmpty() ? null : new Secret(v);
    }

    Duration duration(String key, Duration fallback) {
        String v = string(key, "");
        if (v.isEmpty()) {
            return fallback;
        }
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        return Durations.parse(v).orElseThrow(() -> error(key, "'" + v + "' is not a duration (e.g. 500ms, 10s, 1m)"));
    }

    int integer(String key, int fallback, int min, int max) {
        String v = string(key, "");
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw error(key, i + " is outside " + min + "…" + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw error(key, "'" + v + "' is not a whole number");
        }
    }

    boolean bool(String key, boolean fallback) {
        String v = string(key, "");
        return switch (v) {
            case "" -> fallback;
            case "true" -> true;
            case "false" -> false;
            default -> throw error(key, "'" + v + "' is not true or false");
        };
    }

    URI url(String key) {
        return url(key, string(key, ""));
    }

    /** {@code url: …} or {@code urls: [ … ]} (one of them, at least one URL). */
    List<URI> urls() {
        if (has("url") && has("urls")) {
            throw error("urls", "give url or urls, not both");
        }
        if (has("url")) {
            return List.of(url("url"));
        }
        read.add("urls");
        Object v = values.get("urls");
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw error("url", "missing; give url: <http(s) URL> or urls: [<URL>, …]");
        }
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            urls.add(url("urls[" + i + "]", substitute("urls[" + i + "]", String.valueOf(list.get(i)))));
        }
        return List.copyOf(urls);
    }

    private URI url(String key, String text) {
        if (text.isEmpty()) {
            throw error(key, "missing; it is required");
        }
        try {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw error(key, "'" + text + "' is not an http(s) URL");
            }
            if (uri.getUserInfo() != null) {
                throw error(key, "put credentials in username/password, not in the URL (it is logged)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw error(key, "'" + text + "' is not a URL: " + e.getMessage());
        }
    }

    SettingsMap section(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return new SettingsMap(child(key), Map.of(), env);
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw error(key, "expected a mapping");
        }
        return new SettingsMap(child(key), map, env);
    }

    List<SettingsMap> sections(String key) {
        read.add(key);
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw error(key, "expected a list");
        }
        List<SettingsMap> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw error(key + "[" + i + "]", "expected a mapping");
            }
            out.add(new SettingsMap(child(key) + "[" + i + "]", map, env));
        }
        return out;
    }

    /** The trust settings: {@code tls: {caFile: <PEM file>}}; the JVM's trust store without. */
    Tls tls() {
        SettingsMap tls = section("tls");
        String caFile = tls.string("caFile", "");
        tls.finish();
        if (caFile.isEmpty()) {
            return Tls.SYSTEM;
        }
        try {
            Tls t = Tls.fromCaFile(Path.of(caFile));
            t.trustManager(); // parse now: a bad file fails the start
            return t;
        } catch (Exception e) {
            throw tls.error("caFile", "cannot read '" + caFile + "': " + e.getMessage());
        }
    }

    Backoff backoff(Backoff fallback) {
        SettingsMap retry = section("retry");
        Backoff b;
        try {
            b = new Backoff(retry.duration("initial", fallback.initial()), retry.duration("max", fallback.max()),
                    retry.duration("giveUpAfter", fallback.giveUpAfter()));
        } catch (IllegalArgumentException e) {
            throw error("retry", e.getMessage());
        }
        retry.finish();
        return b;
    }

    void finish() {
        List<String> unknown = new ArrayList<>();
        for (Object k : values.keySet()) {
            if (!read.contains(String.valueOf(k))) {
                unknown.add(String.valueOf(k));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((path.isEmpty() ? "" : path + ": ") + "unknown setting"
                    + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown));
        }
    }

    IllegalArgumentException error(String key, String message) {
        return new IllegalArgumentException(child(key) + ": " + message);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String substitute(String key, String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null) {
                throw error(key, "environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
