package io.burnwatch.ingest.traces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shared conformance files, this module's own test files, and OTLP/JSON ↔ protobuf conversion. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The OTLP fields that hold ids: hex in OTLP/JSON, base64 in protobuf's JSON mapping. */
    private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

    private Fixtures() {
    }

    /** {@code -Dbw.conformance=DIR}, or the first {@code shared/conformance} above the working directory. */
    static Optional<Path> conformance() {
        String property = System.getProperty("bw.conformance");
        if (property != null) {
            return Optional.of(Path.of(property));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/conformance");
            if (Files.isDirectory(candidate.resolve("otlp"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A shared conformance file, e.g. {@code otlp/trace.json}; skips the test when the data is not here. */
    static byte[] shared(String relative) {
        Optional<Path> root = conformance();
        assumeTrue(root.isPresent(), "the shared conformance data (shared/conformance) is not on this machine");
        try {
            return Files.readAllBytes(root.get().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of src/test/resources/traces/. */
    static byte[] own(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/traces/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource traces/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * OTLP/JSON read with protobuf-java-util's JsonFormat into the generated request. JsonFormat
     * implements proto3's JSON mapping, where bytes are base64; OTLP/JSON writes ids as hex. So
     * every {@code traceId}, {@code spanId}, {@code parentSpanId} is re-encoded hex → base64 first
     * (an empty id stays empty). Unknown fields are ignored, as OTLP requires of receivers.
     */
    static ExportTraceServiceRequest otlpJsonToProto(byte[] otlpJson) {
        try {
            JsonNode tree = JSON.readTree(otlpJson);
            hexIdsToBase64(tree);
            ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(JSON.writeValueAsString(tree), b);
            return b.build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("JsonFormat cannot read it: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The other way: JsonFormat's output with base64 ids turned into OTLP/JSON's hex. */
    static byte[] protoToOtlpJson(ExportTraceServiceRequest request) {
        try {
            JsonNode tree = JSON.readTree(JsonFormat.printer().print(request));
            base64IdsToHex(tree);
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void hexIdsToBase64(JsonNode node) {
        convertIds(node, true);
    }

    private static void base64IdsToHex(JsonNode node) {
        convertIds(node, false);
    }

    private static void convertIds(JsonNode node, boolean toBase64) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (ID_FIELDS.contains(e.getKey()) && e.getValue().isTextual()) {
                    String text = e.getValue().asText();
                    e.setValue(JSON.getNodeFactory().textNode(toBase64
                            ? Base64.getEncoder().encodeToString(HexFormat.of().parseHex(text))
                            : HexFormat.of().formatHex(Base64.getDecoder().decode(text))));
                } else {
                    convertIds(e.getValue(), toBase64);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> convertIds(child, toBase64));
        }
    }
}
