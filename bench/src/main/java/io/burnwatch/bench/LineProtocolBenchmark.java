package io.burnwatch.bench;

import io.burnwatch.ingest.lineprotocol.DecodeResult;
import io.burnwatch.ingest.lineprotocol.DecoderOptions;
import io.burnwatch.ingest.lineprotocol.LineProtocolDecoder;
import io.burnwatch.ingest.lineprotocol.PointHandler;
import io.burnwatch.ingest.lineprotocol.PointView;
import io.burnwatch.ingest.lineprotocol.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Decoding Telegraf's line protocol, as the write endpoints receive it: batches of 1000 lines
 * (Telegraf's default {@code metric_batch_size}) built from real Telegraf output, the files of the
 * shared conformance data ({@code -Dbw.conformance=DIR}, else the first {@code shared/conformance}
 * above the working directory). Scores are lines per second on one thread.
 *
 * <ul>
 *   <li>{@code decode}: every line checked and delivered; the handler reads the measurement's hash
 *       and the timestamp (what an index lookup needs).</li>
 *   <li>{@code decodeAndReadEverything}: as above, and the handler reads every tag and every field
 *       value (all floats converted).</li>
 *   <li>{@code decodeAsTheMatcherReads}: the {@code PointAccess} calls of the SLI matcher: the
 *       measurement as a String, one tag, one numeric field.</li>
 *   <li>{@code skipEveryLine}: the handler drops every line on its measurement, and dropped lines
 *       are only skipped (not validated): the cost of points no SLO reads.</li>
 * </ul>
 *
 * <p>Run: {@code mvn -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar LineProtocol}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineProtocolBenchmark {

    static final int BATCH_LINES = 1000;

    /** Which Telegraf output the batches repeat. */
    @Param({"cpu", "mem", "http_response", "prometheus", "telegraf"})
    public String mix;

    private byte[] batch;
    private LineProtocolDecoder decoder;
    private LineProtocolDecoder skippingDecoder;

    @Setup(Level.Trial)
    public void setUp() {
        List<String> lines = lines(mix);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < BATCH_LINES; i++) {
            text.append(lines.get(i % lines.size())).append('\n');
        }
        batch = text.toString().getBytes(StandardCharsets.UTF_8);
        decoder = new LineProtocolDecoder();
        skippingDecoder = new LineProtocolDecoder(DecoderOptions.DEFAULT.withValidateRejectedLines(false));
        DecodeResult check = decoder.decode(batch, Precision.NANOSECONDS, 0, p -> { });
        if (check.points() != BATCH_LINES) {
            throw new IllegalStateException("the " + mix + " batch does not decode cleanly: " + check);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_LINES)
    public DecodeResult decode(Blackhole bh) {
        return decoder.decode(batch, Precision.NANOSECONDS, 0, p -> {
            bh.consume(p.measurementHash());
            bh.consume(p.timestampNanos());
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_LINES)
    public DecodeResult decodeAndReadEverything(Blackhole bh) {
        return decoder.decode(batch, Precision.NANOSECONDS, 0, p -> readEverything(p, bh));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_LINES)
    public DecodeResult decodeAsTheMatcherReads(Blackhole bh) {
        return decoder.decode(batch, Precision.NANOSECONDS, 0, p -> {
            bh.consume(p.measurement());
            bh.consume(p.tag("host"));
            bh.consume(p.numberField("response_time"));
            bh.consume(p.timeMillis());
        });
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_LINES)
    public DecodeResult skipEveryLine() {
        return skippingDecoder.decode(batch, Precision.NANOSECONDS, 0, DROP_ALL);
    }

    private static final PointHandler DROP_ALL = new PointHandler() {
        @Override
        public boolean acceptMeasurement(PointView point) {
            return false;
        }

        @Override
        public void onPoint(PointView point) {
        }
    };

    private static void readEverything(PointView p, Blackhole bh) {
        bh.consume(p.measurementHash());
        for (int i = 0; i < p.tagCount(); i++) {
            bh.consume(p.tagKey(i));
            bh.consume(p.tagValue(i));
        }
        for (int i = 0; i < p.fieldCount(); i++) {
            switch (p.fieldType(i)) {
                case FLOAT, INTEGER, UNSIGNED -> bh.consume(p.doubleValue(i));
                case BOOLEAN -> bh.consume(p.booleanValue(i));
                case STRING -> bh.consume(p.stringValue(i));
                default -> throw new AssertionError();
            }
        }
        bh.consume(p.timestampNanos());
    }

    // ---------------------------------------------------------------- inputs

    /** Lines of the named Telegraf output, from the shared conformance files. */
    static List<String> lines(String mix) {
        Path telegraf = conformance().resolve("telegraf");
        List<Path> files = switch (mix) {
            case "cpu" -> List.of(telegraf.resolve("testdata/cpu_default_expected.lp"));
            case "mem" -> List.of(telegraf.resolve("readme-example-output/mem.lp"));
            case "http_response" -> List.of(telegraf.resolve("readme-example-output/http_response.lp"),
                    telegraf.resolve("readme-example-output/net_response.lp"));
            case "prometheus" -> List.of(telegraf.resolve("readme-example-output/prometheus.lp"));
            case "telegraf" -> telegrafOutputs(telegraf);
            default -> throw new IllegalArgumentException("unknown mix " + mix);
        };
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            try {
                for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!l.isBlank() && !l.startsWith("#")) {
                        lines.add(l);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** Every Telegraf output file but the 71 KB single-line size-limit fixture. */
    private static List<Path> telegrafOutputs(Path telegraf) {
        try (Stream<Path> a = Files.list(telegraf.resolve("readme-example-output"));
             Stream<Path> b = Files.list(telegraf.resolve("testdata"))) {
            return Stream.concat(a, b)
                    .filter(f -> f.getFileName().toString().endsWith(".lp"))
                    .filter(f -> !f.getFileName().toString().equals("huge_metric.lp"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path conformance() {
        String property = System.getProperty("bw.conformance");
        if (property != null) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/conformance");
            if (Files.isDirectory(candidate.resolve("telegraf"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the shared conformance data (shared/conformance) is not above "
                + Path.of("").toAbsolutePath() + "; pass -Dbw.conformance=DIR (JMH: -jvmArgs -Dbw.conformance=DIR)");
    }
}
