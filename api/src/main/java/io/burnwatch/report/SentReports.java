package io.burnwatch.report;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports that have been sent, one JSON line each in {@code <state-directory>/sent.jsonl},
 * written and forced to disk once the SMTP server accepted the message: what makes a restart never
 * send a week's report again. (Should the process die between the server's acceptance and the
 * write, the next start sends it once more, with the same Message-ID.)
 */
public final class SentReports {


    /** One sent report: {@code key} is {@code service:<name>:<week>} or {@code digest:<week>}. */
    public record Entry(String key, Instant sentAt, List<String> recipients, String subject) {
    }

    private final Path file;
    private final Map<String, Entry> sent = new LinkedHashMap<>();
    /** The file as last read (size, modified time): another process (report --send) may have added to it. */
    private long readSize = -1;
    private long readModified = -1;

    public SentReports(Path directory) {
        this.file = directory.resolve("sent.jsonl");
        reload();
    }

    /** Reads the file again if it changed since it was last read. */
    private void reload() {
        try {
            long size = Files.exists(file) ? Files.size(file) : -1;
            long modified = size < 0 ? -1 : Files.getLastModifiedTime(file).toMillis();
            if (size == readSize && modified == readModified) {
                return;
            }
            for (Entry e : JsonLines.read(file, Entry.class)) {
                sent.put(e.key(), e);
            }
            readSize = size;
            readModified = modified;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** Fails unless the ledger can be written: checked at start, before anything is sent. */
    public void checkWritable() {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the sent-reports ledger " + file + " cannot be written (" + e
                    + "): set burnwatch.reports.state-directory to a writable directory", e);
        }
    }

    public static String serviceKey(String service, String isoWeek) {
        return "service:" + service + ":" + isoWeek;
    }

    public static String digestKey(String isoWeek) {
        return "digest:" + isoWeek;
    }

    public synchronized boolean contains(String key) {
        reload();
        return sent.containsKey(key);
    }

    /** A sent report whose record could not be written: kept in memory, so this process does not send it again. */
    public synchronized void remember(Entry entry) {
        sent.put(entry.key(), entry);
    }

    /** Records a sent report, durably, before returning. */
    public synchronized void record(Entry entry) {
        sent.put(entry.key(), entry);
        try {
            Files.createDirectories(file.getParent());
            JsonLines.append(file, entry);
        } catch (IOException e) {
            throw new UncheckedIOException("recording the sent report in " + file, e);
        }
        reload(); // another process may have appended too: read it all, do not just note the new size
    }

    public synchronized List<Entry> entries() {
        reload();
        return new ArrayList<>(sent.values());
    }

    public Path file() {
        return file;
    }
}
