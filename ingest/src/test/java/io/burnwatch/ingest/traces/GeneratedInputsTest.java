package io.burnwatch.ingest.traces;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The fuzz checks on generated inputs, without Jazzer: structure-aware requests (protobuf and
 * JSON must agree), and random mutations — flipped, inserted, deleted, duplicated bytes, cuts —
 * of real request bodies through all three decoders. A few hundred inputs per build; a big run
 * with {@code -Dbw.traces.generatedInputs=1000000}.
 */
class GeneratedInputsTest {

    private static final int INPUTS = Integer.getInteger("bw.traces.generatedInputs", 300);
    private static final long SEED = Long.getLong("bw.traces.seed", 20261201L);

    @Test
    void generatedRequestsDecodeTheSameAsProtobufAndAsJson() {
        SplittableRandom random = new SplittableRandom(SEED);
        RandomRequests.Choices choices = RandomRequests.Choices.of(random);
        for (int i = 0; i < INPUTS; i++) {
            FuzzChecks.protobufAndJsonAgree(choices);
        }
    }

    @Test
    void mutatedBodiesPassTheChecks() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<byte[]> protobuf = new ArrayList<>();
        List<byte[]> otlpJson = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var request = RandomRequests.request(RandomRequests.Choices.of(random));
            protobuf.add(request.toByteArray());
            otlpJson.add(Fixtures.protoToOtlpJson(request));
        }
        protobuf.add(Requests.realistic(20, 3, 5).toByteArray());
        otlpJson.add(Fixtures.own("otlp-json-span-cases.json"));
        List<byte[]> zipkin = List.of(("[{\"traceId\":\"5aab74dbb904746bb33447baae403ed6\",\"id\":\"b33447baae403ed6\","
                + "\"kind\":\"SERVER\",\"name\":\"get /\",\"timestamp\":1521186011926119,\"duration\":2839,"
                + "\"localEndpoint\":{\"serviceName\":\"frontend\"},\"tags\":{\"http.status_code\":\"503\",\"error\":\"\","
                + "\"http.path\":\"/a\"}},{\"traceId\":\"5aab74dbb904746b\",\"id\":\"b33447baae403ed7\"}]")
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < INPUTS; i++) {
            check(FuzzChecks::otlpProtobuf, protobuf, random);
            check(FuzzChecks::otlpJson, otlpJson, random);
            check(FuzzChecks::zipkinJson, zipkin, random);
            // the JSON decoders on each other's bodies, and on protobuf
            check(FuzzChecks::zipkinJson, otlpJson, random);
            check(FuzzChecks::otlpJson, protobuf, random);
        }
    }

    private static void check(Consumer<byte[]> target, List<byte[]> seeds, SplittableRandom random) {
        byte[] body = seeds.get(random.nextInt(seeds.size()));
        for (int m = random.nextInt(1, 4); m > 0; m--) {
            body = mutate(body, random);
        }
        try {
            target.accept(body);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("input (base64) " + java.util.Base64.getEncoder().encodeToString(body), e);
        }
    }

    static byte[] mutate(byte[] b, SplittableRandom random) {
        if (b.length == 0) {
            return new byte[]{(byte) random.nextInt(256)};
        }
        int at = random.nextInt(b.length);
        return switch (random.nextInt(6)) {
            case 0 -> { // flip a bit
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << random.nextInt(8));
                yield c;
            }
            case 1 -> { // set a byte to an interesting value
                byte[] c = b.clone();
                byte[] values = {0, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, '"', '{', '[', '0', 10, 2};
                c[at] = values[random.nextInt(values.length)];
                yield c;
            }
            case 2 -> Arrays.copyOf(b, at); // cut
            case 3 -> { // delete a range
                int n = Math.min(b.length - at, random.nextInt(1, 16));
                byte[] c = new byte[b.length - n];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + n, c, at, b.length - at - n);
                yield c;
            }
            case 4 -> { // duplicate a range
                int n = Math.min(b.length - at, random.nextInt(1, 64));
                byte[] c = new byte[b.length + n];
                System.arraycopy(b, 0, c, 0, at + n);
                System.arraycopy(b, at, c, at + n, b.length - at);
                yield c;
            }
            default -> { // insert a random byte
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) random.nextInt(256);
                System.arraycopy(b, at, c, at + 1, b.length - at);
                yield c;
            }
        };
    }
}
