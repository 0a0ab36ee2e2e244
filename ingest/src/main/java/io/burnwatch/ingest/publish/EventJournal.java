package io.burnwatch.ingest.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only journal of records on local disk: the embedded mode's durable queue between
 * ingest and the job. A batch appended is acknowledged only once it is written and forced to disk;
 * concurrent appends are grouped into one write and one {@code force} (group commit).
 *
 * <p>Layout: segment files {@code <base position, 20 digits>.journal} in one directory; a record is
 * {@code length (int32) · CRC32C of payload (int32) · payload}. Positions are byte offsets over all
 * segments. On open, the tail of the last segment is checked and a torn record (a crash in the
 * middle of a write, which was therefore never acknowledged) is cut off.
 *
 * <p>Bounded: appends are refused with {@link PublisherOverloadedException} while more than
 * {@code maxUnreleasedBytes} lie between the last {@link #release} and the end, so a stalled
 * consumer pushes back to the senders instead of filling the disk. The consumer releases what it
 * has durably processed (the job: what its last checkpoint covers); whole segments before that
 * position are deleted.
 */
public final class EventJournal implements AutoCloseable {

    static final int HEADER_BYTES = 8;
    private static final String SUFFIX = ".journal";

    private final Path dir;
    private final long segmentBytes;
    private final long maxUnreleasedBytes;
    private final int maxRecordBytes;
    private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(1 << 20);
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Object lock = new Object();

    private FileChannel active;
    private long activeBase;
    /** End of what is forced to disk; readers never read past it. */
    private volatile long durableEnd;
    /** End including batches accepted but not yet durable: what the bound is checked against. */
    private long acceptedEnd;
    private volatile long released;
    private volatile boolean closed;

    private record Pending(List<byte[]> records, CompletableFuture<Long> done) {
    }

    private EventJournal(Path dir, long segmentBytes, long maxUnreleasedBytes, int maxRecordBytes) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.maxUnreleasedBytes = maxUnreleasedBytes;
        this.maxRecordBytes = maxRecordBytes;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .forEach(f -> segments.put(base(f), f));
        }
        if (segments.isEmpty()) {
            segments.put(0L, segmentPath(0));
        }
        activeBase = segments.lastKey();
        active = FileChannel.open(segments.lastEntry().getValue(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        forceDirectory();
        long validLength = validLength(active);
        if (validLength < active.size()) {
            active.truncate(validLength);
            active.force(true);
        }
        durableEnd = activeBase + validLength;
        acceptedEnd = durableEnd;
        released = segments.firstKey();
        writer = new Thread(this::writeLoop, "burnwatch-journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) the journal in {@code dir}.
     *
     * @param segmentBytes       a new segment starts after this many bytes
     * @param maxUnreleasedBytes appends are refused beyond this much unreleased data
     * @param maxRecordBytes     the largest record accepted
     */
    public static EventJournal open(Path dir, long segmentBytes, long maxUnreleasedBytes, int maxRecordBytes)
            throws IOException {
        if (segmentBytes < 1024 || maxUnreleasedBytes < segmentBytes || maxRecordBytes < 1) {
            throw new IllegalArgumentException("journal sizes: segment ≥ 1 KiB, unreleased ≥ segment, record ≥ 1");
        }
        return new EventJournal(dir, segmentBytes, maxUnreleasedBytes, maxRecordBytes);
    }

    /**
     * Appends the records; the future completes with the end position once they are on disk.
     *
     * @throws PublisherOverloadedException when the journal holds too much unreleased data
     */
    public CompletableFuture<Long> append(List<byte[]> records) {
        long bytes = 0;
        for (byte[] r : records) {
            if (r.length > maxRecordBytes) {
                throw new IllegalArgumentException("record of " + r.length + " bytes exceeds " + maxRecordBytes);
            }
            bytes += HEADER_BYTES + r.length;
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                done.completeExceptionally(new IllegalStateException("journal is closed"));
                return done;
            }
            if (acceptedEnd + bytes - released > maxUnreleasedBytes) {
                throw new PublisherOverloadedException("the event journal holds " + (acceptedEnd - released)
                        + " unprocessed bytes (limit " + maxUnreleasedBytes + "); the job is behind",
                        Duration.ofSeconds(5));
            }
            acceptedEnd += bytes;
            pending.add(new Pending(records, done));
        }
        return done;
    }

    /** Reads records from {@code position} on, at most {@code max}, never past what is durable. */
    public Batch read(long position, int max) throws IOException {
        List<byte[]> out = new ArrayList<>();
        long pos = position;
        long end = durableEnd;
        while (out.size() < max && pos < end) {
            var entry = segments.floorEntry(pos);
            if (entry == null) {
                throw new IllegalArgumentException("position " + pos + " is before the journal's start " + released);
            }
            try (FileChannel ch = FileChannel.open(entry.getValue(), StandardOpenOption.READ)) {
                long offset = pos - entry.getKey();
                if (offset >= ch.size()) {
                    Long next = segments.higherKey(entry.getKey());
                    if (next == null) {
                        break;
                    }
                    pos = next;
                    continue;
                }
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                while (out.size() < max && pos < end && offset < ch.size()) {
                    header.clear();
                    ch.read(header, offset);
                    header.flip();
                    int length = header.getInt();
                    int crc = header.getInt();
                    ByteBuffer payload = ByteBuffer.allocate(length);
                    ch.read(payload, offset + HEADER_BYTES);
                    byte[] bytes = payload.array();
                    if (crc(bytes) != crc) {
                        throw new IOException("journal record at " + pos + " fails its checksum");
                    }
                    out.add(bytes);
                    offset += HEADER_BYTES + length;
                    pos += HEADER_BYTES + length;
                }
            }
        }
        return new Batch(out, pos);
    }

    /** Records read and the position after the last of them. */
    public record Batch(List<byte[]> records, long nextPosition) {
    }

    /** The consumer has durably processed everything before {@code position}: whole segments before it go. */
    public void release(long position) throws IOException {
        synchronized (lock) {
            if (position <= released) {
                return;
            }
            released = Math.min(position, durableEnd);
            while (segments.size() > 1 && segments.higherKey(segments.firstKey()) <= released) {
                Files.deleteIfExists(segments.pollFirstEntry().getValue());
            }
        }
    }

    public long durableEnd() {
        return durableEnd;
    }

    public long releasedPosition() {
        return released;
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        while (!closed || !pending.isEmpty()) {
            try {
                Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                pending.drainTo(group);
                long end = writeGroup(group);
                for (Pending p : group) {
                    p.done.complete(end);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException | RuntimeException e) {
                for (Pending p : group) {
                    p.done.completeExceptionally(e);
                }
            } finally {
                group.clear();
            }
        }
    }

    /** Writes every record of the group in large writes, rolls segments as needed, forces once. */
    private long writeGroup(List<Pending> group) throws IOException {
        long end = durableEnd;
        long written = end; // end of what is in the file; end - written bytes wait in writeBuffer
        writeBuffer.clear();
        for (Pending p : group) {
            for (byte[] record : p.records) {
                int size = HEADER_BYTES + record.length;
                if (end - activeBase >= segmentBytes || writeBuffer.remaining() < size) {
                    written = flush(written);
                }
                if (end - activeBase >= segmentBytes) {
                    roll(end);
                }
                if (writeBuffer.remaining() < size) { // a record larger than the buffer: write it alone
                    ByteBuffer big = ByteBuffer.allocate(size);
                    big.putInt(record.length).putInt(crc(record)).put(record).flip();
                    writeFully(big, written);
                    written += size;
                } else {
                    writeBuffer.putInt(record.length).putInt(crc(record)).put(record);
                }
                end += size;
            }
        }
        flush(written);
        active.force(false);
        durableEnd = end;
        return end;
    }

    private long flush(long written) throws IOException {
        writeBuffer.flip();
        int n = writeBuffer.remaining();
        writeFully(writeBuffer, written);
        writeBuffer.clear();
        return written + n;
    }

    private void writeFully(ByteBuffer buf, long position) throws IOException {
        long at = position - activeBase;
        while (buf.hasRemaining()) {
            at += active.write(buf, at);
        }
    }

    private void roll(long base) throws IOException {
        active.force(false);
        active.close();
        activeBase = base;
        Path next = segmentPath(base);
        segments.put(base, next);
        active = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        forceDirectory(); // the new file's directory entry must be durable before its records are acknowledged
    }

    /** Makes the directory's entries durable (the new segment's name), as fsync on the directory does. */
    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** The length of the longest prefix of whole, checksum-valid records. */
    private static long validLength(FileChannel ch) throws IOException {
        long offset = 0;
        long size = ch.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (offset + HEADER_BYTES <= size) {
            header.clear();
            ch.read(header, offset);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length < 0 || offset + HEADER_BYTES + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            ch.read(payload, offset + HEADER_BYTES);
            if (crc(payload.array()) != crc) {
                break;
            }
            offset += HEADER_BYTES + length;
        }
        return offset;
    }

    private static int crc(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        return (int) c.getValue();
    }

    private Path segmentPath(long base) {
        return dir.resolve(String.format("%020d%s", base, SUFFIX));
    }

    private static long base(Path f) {
        String name = f.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5000);
            active.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
