package io.burnwatch.ingest.traces;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests of the three decoders (checks in {@link FuzzChecks}). In a normal test run
 * each runs once on the empty input (Jazzer's regression mode); {@link SeedCorpusTest} replays
 * the committed corpus in {@code src/test/resources/traces/fuzz/<method>/}. To fuzz one of them:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl ingest -am -Dbw.buildDir=target-traces test \
 *     -Dtest='SpanDecoderFuzzTest#otlpProtobuf' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * (seed it by copying the corpus into {@code ingest/.cifuzz-corpus/io.burnwatch.ingest.traces.SpanDecoderFuzzTest/<method>/};
 * a finding lands in {@code src/test/resources/io/burnwatch/ingest/traces/SpanDecoderFuzzTestInputs/<method>/}
 * — move it to the committed corpus with the fix).
 */
class SpanDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void otlpProtobuf(byte[] body) {
        FuzzChecks.otlpProtobuf(body);
    }

    @FuzzTest(maxDuration = "5m")
    void otlpJson(byte[] body) {
        FuzzChecks.otlpJson(body);
    }

    @FuzzTest(maxDuration = "5m")
    void zipkinJson(byte[] body) {
        FuzzChecks.zipkinJson(body);
    }

    /** Structure-aware: a request built from the fuzzer's choices decodes the same as protobuf and as JSON. */
    @FuzzTest(maxDuration = "5m")
    void protobufAndJsonAgree(FuzzedDataProvider data) {
        FuzzChecks.protobufAndJsonAgree(RandomRequests.Choices.of(data));
    }
}
