package io.burnwatch.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of JSON records, one per line, appended and forced to disk: the sent-reports ledger and
 * the embedded report archive. A line that does not read (cut short by a crash while it was being
 * written) is skipped with a warning naming the file and line.
 */
public final class JsonLines {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLines.class);
    /** Records as Jackson writes them: Optionals as their values, instants as ISO-8601; unknown fields skipped. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonLines() {
    }

    public static <T> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        int line = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readValue(text, type));
            } catch (IOException e) {
                LOG.warn("{}:{}: not a {} record, skipped (a line cut short by a crash?): {}", file, line,
                        type.getSimpleName(), e.getMessage());
            }
        }
        return out;
    }

    /** Appends one record and forces it to disk before returning. */
    public static void append(Path file, Object record) throws IOException {
        byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long end = ch.size();
            if (end > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, end - 1);
                if (last.get(0) != '\n') { // a line torn by a crash: end it, so this record stands on its own
                    end += ch.write(ByteBuffer.wrap(new byte[] {'\n'}), end);
                }
            }
            ByteBuffer bytes = ByteBuffer.wrap(line);
            while (bytes.hasRemaining()) {
                end += ch.write(bytes, end);
            }
            ch.force(false);
        }
    }

    /** Replaces the file with these records, atomically. */
    public static void rewrite(Path file, List<?> records) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        for (Object r : records) {
            text.append(JSON.writeValueAsString(r)).append('\n');
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
