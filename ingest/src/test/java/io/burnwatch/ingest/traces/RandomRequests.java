package io.burnwatch.ingest.traces;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

import java.util.SplittableRandom;

/**
 * OTLP requests built from a stream of choices — Jazzer's {@link FuzzedDataProvider} when
 * fuzzing, a seeded {@link SplittableRandom} otherwise — over the values where decoding has rules:
 * valid, empty and all-zero ids, times around zero and past 2^63, kinds and codes beyond the
 * enums, every attribute value type under the keys that are read, strings around the length limit,
 * repeated ids. Ids only of valid length: their other lengths are reported in format-specific
 * words (bytes, hex digits) and tested one by one.
 */
final class RandomRequests {

    /** What the generator asks for. */
    interface Choices {
        /** 0 ≤ result &lt; bound. */
        int pick(int bound);

        long anyLong();

        double anyDouble();

        String ascii(int maxLength);

        static Choices of(FuzzedDataProvider data) {
            return new Choices() {
                @Override
                public int pick(int bound) {
                    return data.consumeInt(0, bound - 1);
                }

                @Override
                public long anyLong() {
                    return data.consumeLong();
                }

                @Override
                public double anyDouble() {
                    return data.consumeDouble();
                }

                @Override
                public String ascii(int maxLength) {
                    return data.consumeAsciiString(maxLength);
                }
            };
        }

        static Choices of(SplittableRandom random) {
            return new Choices() {
                @Override
                public int pick(int bound) {
                    return random.nextInt(bound);
                }

                @Override
                public long anyLong() {
                    return random.nextLong();
                }

                @Override
                public double anyDouble() {
                    return switch (random.nextInt(4)) {
                        case 0 -> Double.NaN;
                        case 1 -> random.nextInt(1200) + (random.nextBoolean() ? 0 : 0.5);
                        default -> random.nextDouble() * 2000 - 500;
                    };
                }

                @Override
                public String ascii(int maxLength) {
                    int n = random.nextInt(maxLength + 1);
                    StringBuilder b = new StringBuilder(n);
                    for (int i = 0; i < n; i++) {
                        b.append((char) random.nextInt(0x20, 0x7F));
                    }
                    return b.toString();
                }
            };
        }
    }

    private static final String[] KEYS = {"service.name", "http.response.status_code", "http.status_code", "http.route",
            "http.request.method", "url.path", "http.route ", "service.namespace"};

    private RandomRequests() {
    }

    static ExportTraceServiceRequest request(Choices c) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        long[] ids = {1, 2, c.anyLong()};
        for (int r = c.pick(4); r > 0; r--) {
            ResourceSpans.Builder rs = ResourceSpans.newBuilder();
            if (c.pick(4) > 0) {
                Resource.Builder resource = Resource.newBuilder();
                for (int a = c.pick(4); a > 0; a--) {
                    resource.addAttributes(attribute(c));
                }
                rs.setResource(resource);
            }
            for (int s = c.pick(3); s > 0; s--) {
                ScopeSpans.Builder scope = ScopeSpans.newBuilder();
                for (int i = c.pick(6); i > 0; i--) {
                    scope.addSpans(span(c, ids));
                }
                rs.addScopeSpans(scope);
            }
            request.addResourceSpans(rs);
        }
        return request.build();
    }

    private static Span span(Choices c, long[] ids) {
        Span.Builder s = Span.newBuilder();
        switch (c.pick(8)) {
            case 0 -> { } // no trace id
            case 1 -> s.setTraceId(ByteString.copyFrom(new byte[16]));
            default -> s.setTraceId(Requests.id(ids[c.pick(3)], ids[c.pick(3)]));
        }
        switch (c.pick(8)) {
            case 0 -> { }
            case 1 -> s.setSpanId(ByteString.copyFrom(new byte[8]));
            default -> s.setSpanId(Requests.id(ids[c.pick(3)])); // few distinct ids: duplicates happen
        }
        s.setName(c.pick(10) == 0 ? "" : c.ascii(80));
        s.setKindValue(c.pick(8) - 1);
        long start = time(c);
        s.setStartTimeUnixNano(start);
        s.setEndTimeUnixNano(c.pick(4) == 0 ? time(c) : start + c.pick(1_000_000_000));
        for (int a = c.pick(20); a > 0; a--) {
            s.addAttributes(attribute(c));
        }
        if (c.pick(2) == 0) {
            s.setStatus(Status.newBuilder().setCodeValue(c.pick(5) - 1));
        }
        return s.build();
    }

    private static long time(Choices c) {
        return switch (c.pick(6)) {
            case 0 -> 0;
            case 1 -> c.anyLong(); // negative half: past 2^63 as fixed64
            case 2 -> Long.MIN_VALUE;
            default -> Requests.START + c.pick(Integer.MAX_VALUE);
        };
    }

    private static KeyValue attribute(Choices c) {
        String key = c.pick(6) == 0 ? c.ascii(20) : KEYS[c.pick(KEYS.length)];
        AnyValue.Builder v = AnyValue.newBuilder();
        switch (c.pick(7)) {
            case 0 -> v.setStringValue(c.ascii(70));
            case 1 -> v.setStringValue(Integer.toString(c.pick(1100)));
            case 2 -> v.setIntValue(c.pick(3) == 0 ? c.anyLong() : c.pick(1100));
            case 3 -> v.setDoubleValue(c.anyDouble());
            case 4 -> v.setBoolValue(c.pick(2) == 0);
            case 5 -> v.setBytesValue(ByteString.copyFromUtf8(c.ascii(4)));
            default -> { } // no value at all
        }
        return KeyValue.newBuilder().setKey(key).setValue(v).build();
    }
}
