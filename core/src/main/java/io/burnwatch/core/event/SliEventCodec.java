package io.burnwatch.core.event;

import io.burnwatch.core.model.SloId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The wire format of {@link SliEvent}s — Kafka record values and the embedded journal's records.
 * Compact and versioned; documented in docs/events.md. Every record starts with the format version:
 *
 * <pre>
 *   version   u8   = 1
 *   type      u8   1 = RequestOutcome, 2 = CounterSample
 *   service   string          (varint length + UTF-8)
 *   slo       string
 *   time      zigzag varint   epoch milliseconds
 *   RequestOutcome:  flags u8 (bit 0 good, bit 1 has latency, bit 2 has trace id)
 *                    latency varint µs (if bit 1), trace id string (if bit 2)
 *   CounterSample:   role u8 (0 GOOD, 1 BAD, 2 TOTAL), series string, value f64 (big-endian IEEE 754)
 * </pre>
 *
 * A decoder of version 1 rejects any other version with a clear error, so a newer producer never
 * feeds an older job garbage.
 */
public final class SliEventCodec {

    public static final int VERSION = 1;
    private static final int OUTCOME = 1;
    private static final int COUNTER = 2;
    private static final int MAX_STRING_BYTES = 64 * 1024;

    private SliEventCodec() {
    }

    /** The record key: {@code service/slo}, so all events of an SLO land in one partition. */
    public static byte[] key(SloId slo) {
        return slo.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encode(SliEvent event) {
        ByteBuffer out = ByteBuffer.allocate(estimate(event));
        out.put((byte) VERSION);
        if (event instanceof RequestOutcome o) {
            out.put((byte) OUTCOME);
            common(out, o.slo(), o.timeMillis());
            boolean latency = o.latencyMicros() != RequestOutcome.NO_LATENCY;
            boolean trace = !o.traceId().isEmpty();
            out.put((byte) ((o.good() ? 1 : 0) | (latency ? 2 : 0) | (trace ? 4 : 0)));
            if (latency) {
                putVarint(out, o.latencyMicros());
            }
            if (trace) {
                putString(out, o.traceId());
            }
        } else {
            CounterSample c = (CounterSample) event;
            out.put((byte) COUNTER);
            common(out, c.slo(), c.timeMillis());
            out.put((byte) c.role().ordinal());
            putString(out, c.series());
            out.putDouble(c.value());
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    /** @throws IllegalArgumentException for anything that is not a well-formed version-1 record */
    public static SliEvent decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new IllegalArgumentException("SLI event format version " + version + " is not supported (this"
                        + " build reads version " + VERSION + "); upgrade the job before the ingest tier");
            }
            int type = in.get() & 0xff;
            SloId slo = new SloId(getString(in), getString(in));
            long time = zigzagDecode(getVarint(in));
            SliEvent event;
            if (type == OUTCOME) {
                int flags = in.get() & 0xff;
                if ((flags & ~7) != 0) {
                    throw new IllegalArgumentException("unknown outcome flags " + flags);
                }
                long latency = (flags & 2) != 0 ? getVarint(in) : RequestOutcome.NO_LATENCY;
                String trace = (flags & 4) != 0 ? getString(in) : "";
                event = new RequestOutcome(slo, time, (flags & 1) != 0, latency, trace);
            } else if (type == COUNTER) {
                int role = in.get() & 0xff;
                if (role >= CounterSample.Role.values().length) {
                    throw new IllegalArgumentException("unknown counter role " + role);
                }
                String series = getString(in);
                event = new CounterSample(slo, time, series, CounterSample.Role.values()[role], in.getDouble());
            } else {
                throw new IllegalArgumentException("unknown SLI event type " + type);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " unexpected bytes after the SLI event");
            }
            return event;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated SLI event (" + bytes.length + " bytes)", e);
        }
    }

    private static void common(ByteBuffer out, SloId slo, long time) {
        putString(out, slo.service());
        putString(out, slo.slo());
        putVarint(out, zigzagEncode(time));
    }

    private static int estimate(SliEvent e) {
        int strings = e.slo().service().length() + e.slo().slo().length();
        if (e instanceof RequestOutcome o) {
            strings += o.traceId().length();
        } else {
            strings += ((CounterSample) e).series().length();
        }
        return 2 + 3 * (strings + 3 * 5) + 10 + 1 + 10 + 8;
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putVarint(out, b.length);
        out.put(b);
    }

    private static String getString(ByteBuffer in) {
        long length = getVarint(in);
        if (length < 0 || length > MAX_STRING_BYTES || length > in.remaining()) {
            throw new IllegalArgumentException("string of " + length + " bytes in an SLI event of " + in.capacity());
        }
        byte[] b = new byte[(int) length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void putVarint(ByteBuffer out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static long getVarint(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    private static long zigzagEncode(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long zigzagDecode(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
