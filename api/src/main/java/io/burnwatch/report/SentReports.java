package io.burnwatch.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reports that have been sent, one JSON line each in {@code <state-directory>/sent.jsonl},
 * written and forced to disk once the SMTP server accepted the message: what makes a restart never
 * send a week's report again. (Should the process die between the server's acceptance and the
 * write, the next start sends it once more, with the same Message-ID.)
 */
public final class SentReports {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** One sent report: {@code key} is {@code service:<name>:<week>} or {@code digest:<week>}. */
    public record Entry(String key, Instant sentAt, List<String> recipients, String subject) {
    }

    private final Path file;
    private final Map<String, Entry> sent = new LinkedHashMap<>();

    public SentReports(Path directory) {
        this.file = directory.resolve("sent.jsonl");
        try {
            for (Entry e : JsonLines.read(file, Entry.class, JSON)) {
                sent.put(e.key(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    public static String serviceKey(String service, String isoWeek) {
        return "service:" + service + ":" + isoWeek;
    }

    public static String digestKey(String isoWeek) {
        return "digest:" + isoWeek;
    }

    public synchronized boolean contains(String key) {
        return sent.containsKey(key);
    }

    public synchronized Optional<Entry> get(String key) {
        return Optional.ofNullable(sent.get(key));
    }

    /** Records a sent report, durably, before returning. */
    public synchronized void record(Entry entry) {
        try {
            Files.createDirectories(file.getParent());
            JsonLines.append(file, entry, JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("recording the sent report in " + file, e);
        }
        sent.put(entry.key(), entry);
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(sent.values());
    }

    public Path file() {
        return file;
    }
}
