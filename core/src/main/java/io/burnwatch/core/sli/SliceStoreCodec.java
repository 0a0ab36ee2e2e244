package io.burnwatch.core.sli;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.zip.CRC32;

/**
 * The byte format of a {@link SliceStore}, version 1. Integers are LEB128 varints ({@code u}:
 * unsigned, {@code s}: ZigZag-signed); slices are written as their age {@code current − slice}
 * (a byte or two), oldest first, and only when they hold something:
 *
 * <pre>
 * u8      version = 1
 * u8      flags: 1 tracks latency, 2 has a clock, 4 has a last event
 * layout  u fineSlice, fineRetention, coarseSlice, coarseRetention, daySlice,
 *         fineHistogramRetention, coarseHistogramRetention, dayHistogramRetention (all milliseconds),
 *         u8 significantDigits, u highestTrackableLatencyMicros
 * [clock] s current fine slice number
 * [last]  s last event epoch milliseconds
 * u droppedTooOld, u latenciesClamped
 * 2 ×     count tier (fine, coarse): u n, n × (u age, u total, u bad)
 * [latency] 3 × histogram tier (fine, coarse, day):
 *         u n, n × (u age, u length, HdrHistogram compressed bytes); u length, open histogram bytes (0: empty)
 * u32     CRC-32 of everything before it, big-endian
 * </pre>
 *
 * Closed histograms are copied as they are kept in memory (already compressed), so encoding costs
 * little more than the copy and the three open histograms.
 */
final class SliceStoreCodec {

    static final int VERSION = 1;
    private static final int TRACKS_LATENCY = 1;
    private static final int HAS_CLOCK = 2;
    private static final int HAS_LAST_EVENT = 4;

    private SliceStoreCodec() {
    }

    static byte[] encode(SliceStore store) {
        Writer out = new Writer();
        out.write(VERSION);
        long fine = store.currentFine();
        boolean hasClock = fine != CountRing.EMPTY;
        long last = store.rawLastEventMillis();
        out.write((store.tracksLatency() ? TRACKS_LATENCY : 0) | (hasClock ? HAS_CLOCK : 0)
                | (last != Long.MIN_VALUE ? HAS_LAST_EVENT : 0));
        SliceLayout l = store.layout();
        for (Duration d : new Duration[] {l.fineSlice(), l.fineRetention(), l.coarseSlice(), l.coarseRetention(),
                l.daySlice(), l.fineHistogramRetention(), l.coarseHistogramRetention(), l.dayHistogramRetention()}) {
            out.unsigned(d.toMillis());
        }
        out.write(l.significantDigits());
        out.unsigned(l.highestTrackableLatencyMicros());
        if (hasClock) {
            out.signed(fine);
        }
        if (last != Long.MIN_VALUE) {
            out.signed(last);
        }
        out.unsigned(store.droppedTooOld());
        out.unsigned(store.latenciesClamped());
        writeCounts(out, store.fineCounts(), fine);
        writeCounts(out, store.coarseCounts(), store.currentCoarse());
        for (HistogramTier tier : store.histogramTiers()) {
            writeHistograms(out, tier, hasClock);
        }
        CRC32 crc = new CRC32();
        crc.update(out.buffer(), 0, out.size());
        int c = (int) crc.getValue();
        out.write(c >>> 24);
        out.write(c >>> 16);
        out.write(c >>> 8);
        out.write(c);
        return out.toByteArray();
    }

    private static void writeCounts(Writer out, CountRing ring, long current) {
        int n = 0;
        if (current != CountRing.EMPTY) {
            for (long s = current - ring.size + 1; s <= current; s++) {
                n += ring.total(s) > 0 ? 1 : 0;
            }
        }
        out.unsigned(n);
        for (long s = current - ring.size + 1; n > 0 && s <= current; s++) {
            long total = ring.total(s);
            if (total > 0) {
                out.unsigned(current - s);
                out.unsigned(total);
                out.unsigned(total - ring.good(s));
            }
        }
    }

    private static void writeHistograms(Writer out, HistogramTier tier, boolean hasClock) {
        int n = 0;
        if (hasClock) {
            for (long s = tier.current - tier.size + 1; s < tier.current; s++) {
                n += tier.encodedClosed(s) != null ? 1 : 0;
            }
        }
        out.unsigned(n);
        for (long s = tier.current - tier.size + 1; n > 0 && s < tier.current; s++) {
            byte[] bytes = tier.encodedClosed(s);
            if (bytes != null) {
                out.unsigned(tier.current - s);
                out.unsigned(bytes.length);
                out.write(bytes, 0, bytes.length);
            }
        }
        if (tier.open.getTotalCount() == 0) {
            out.unsigned(0);
        } else {
            byte[] open = HistogramCodec.encode(tier.open);
            out.unsigned(open.length);
            out.write(open, 0, open.length);
        }
    }

    static SliceStore decode(byte[] bytes) {
        if (bytes == null || bytes.length < 2 + 4) {
            throw new IllegalArgumentException("not a SliceStore encoding: " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        if (bytes[0] != VERSION) {
            throw new IllegalArgumentException("unsupported SliceStore encoding version " + (bytes[0] & 0xff)
                    + " (this build reads version " + VERSION + ")");
        }
        int body = bytes.length - 4;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        int stored = ((bytes[body] & 0xff) << 24) | ((bytes[body + 1] & 0xff) << 16) | ((bytes[body + 2] & 0xff) << 8)
                | (bytes[body + 3] & 0xff);
        if (stored != (int) crc.getValue()) {
            throw new IllegalArgumentException("corrupt SliceStore encoding: checksum mismatch (truncated or damaged?)");
        }
        Reader in = new Reader(bytes, 1, body);
        try {
            SliceStore store = readStore(in);
            if (in.pos != body) {
                throw new IllegalArgumentException((body - in.pos) + " unexpected bytes after the store");
            }
            return store;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("corrupt SliceStore encoding at byte " + in.pos + ": " + e.getMessage(), e);
        }
    }

    private static SliceStore readStore(Reader in) {
        int flags = in.read();
        if ((flags & ~(TRACKS_LATENCY | HAS_CLOCK | HAS_LAST_EVENT)) != 0) {
            throw new IllegalArgumentException("unknown flags " + flags);
        }
        long[] ms = new long[8];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = in.unsigned();
        }
        int digits = in.read();
        long highest = in.unsigned();
        SliceLayout layout = new SliceLayout(Duration.ofMillis(ms[0]), Duration.ofMillis(ms[1]), Duration.ofMillis(ms[2]),
                Duration.ofMillis(ms[3]), Duration.ofMillis(ms[4]), Duration.ofMillis(ms[5]), Duration.ofMillis(ms[6]),
                Duration.ofMillis(ms[7]), digits, highest);
        SliceStore store = new SliceStore(layout, (flags & TRACKS_LATENCY) != 0);
        boolean hasClock = (flags & HAS_CLOCK) != 0;
        long fine = hasClock ? in.signed() : CountRing.EMPTY;
        if (hasClock && (fine == CountRing.EMPTY || Math.abs(fine) > Long.MAX_VALUE / 4 / layout.fineSlice().toMillis())) {
            throw new IllegalArgumentException("clock out of range: slice " + fine);
        }
        long last = (flags & HAS_LAST_EVENT) != 0 ? in.signed() : Long.MIN_VALUE;
        long dropped = in.unsigned();
        long clamped = in.unsigned();
        store.restore(fine, last, dropped, clamped);
        readCounts(in, store.fineCounts(), store.currentFine());
        readCounts(in, store.coarseCounts(), store.currentCoarse());
        for (HistogramTier tier : store.histogramTiers()) {
            readHistograms(in, tier, layout, hasClock);
        }
        return store;
    }

    private static void readCounts(Reader in, CountRing ring, long current) {
        long n = in.unsigned();
        if (n > ring.size || (current == CountRing.EMPTY && n > 0)) {
            throw new IllegalArgumentException(n + " count slices for a ring of " + ring.size);
        }
        boolean[] seen = new boolean[ring.size];
        for (long k = 0; k < n; k++) {
            long age = in.unsigned();
            long total = in.unsigned();
            long bad = in.unsigned();
            if (age >= ring.size || seen[(int) age]) {
                throw new IllegalArgumentException("count slice age " + age + " out of range or repeated");
            }
            if (bad > total) {
                throw new IllegalArgumentException("count slice with " + bad + " bad of " + total);
            }
            seen[(int) age] = true;
            ring.claim(current - age);
            ring.add(current - age, total - bad, total);
        }
    }

    private static void readHistograms(Reader in, HistogramTier tier, SliceLayout layout, boolean hasClock) {
        long n = in.unsigned();
        if (n >= tier.size || (!hasClock && n > 0)) {
            throw new IllegalArgumentException(n + " closed histograms for a ring of " + tier.size);
        }
        boolean[] seen = new boolean[tier.size];
        for (long k = 0; k < n; k++) {
            long age = in.unsigned();
            if (age == 0 || age >= tier.size || seen[(int) age]) {
                throw new IllegalArgumentException("histogram slice age " + age + " out of range or repeated");
            }
            seen[(int) age] = true;
            byte[] h = in.bytes(in.unsigned());
            if (!HistogramCodec.hasCookie(h)) {
                throw new IllegalArgumentException("closed histogram is not an HdrHistogram compressed encoding");
            }
            tier.putClosed(tier.current - age, h);
        }
        long openLength = in.unsigned();
        if (openLength > 0) {
            if (!hasClock) {
                throw new IllegalArgumentException("open histogram without a clock");
            }
            tier.open.add(HistogramCodec.decode(in.bytes(openLength), layout));
        }
    }

    /** A growable byte buffer with varint writers. */
    private static final class Writer extends ByteArrayOutputStream {
        Writer() {
            super(1024);
        }

        byte[] buffer() {
            return buf;
        }

        void unsigned(long v) {
            while ((v & ~0x7fL) != 0) {
                write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void signed(long v) {
            unsigned((v << 1) ^ (v >> 63));
        }
    }

    /** Reads {@code [pos, end)}; every problem is an IllegalArgumentException. */
    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        int pos;

        Reader(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        int read() {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated");
            }
            return bytes[pos++] & 0xff;
        }

        /** A non-negative varint. */
        long unsigned() {
            long v = raw();
            if (v < 0) {
                throw new IllegalArgumentException("value out of range");
            }
            return v;
        }

        /** A ZigZag varint. */
        long signed() {
            long u = raw();
            return (u >>> 1) ^ -(u & 1);
        }

        private long raw() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint longer than 64 bits");
        }

        byte[] bytes(long length) {
            if (length > end - pos) {
                throw new IllegalArgumentException("truncated: " + length + " bytes announced, " + (end - pos) + " left");
            }
            byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + (int) length);
            pos += (int) length;
            return out;
        }
    }
}
