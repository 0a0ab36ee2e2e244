package io.burnwatch.core.sli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static io.burnwatch.core.sli.Events.BEGINNING;
import static io.burnwatch.core.sli.Events.DAY;
import static io.burnwatch.core.sli.Events.HOUR;
import static io.burnwatch.core.sli.Events.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class SliceStoreMergeAndEncodingTest {

    private static final SliceLayout LAYOUT = SliceLayout.DEFAULT;

    /**
     * Calls {@code sink} with random events arriving from {@code from} to {@code to}, about 8 a
     * minute; 2 % arrive up to 2 hours late, 0.2 % up to 3 days late.
     */
    private static void events(long seed, long from, long to, Consumer<Events.Event> sink) {
        Random random = new Random(seed);
        for (long arrival = from; arrival < to; arrival += (long) (-7_500 * Math.log(1 - random.nextDouble()))) {
            double kind = random.nextDouble();
            long delay = kind < 0.978 ? 0 : kind < 0.998 ? (long) (random.nextDouble() * 2 * HOUR)
                    : (long) (random.nextDouble() * 3 * DAY);
            long latency = random.nextInt(50) == 0 ? -1 : Events.logNormalMicros(random, 80_000, 0.7);
            sink.accept(new Events.Event(arrival - delay, random.nextDouble() < 0.98, latency));
        }
    }

    private static void feed(SliceStore store, Events.Event e) {
        store.record(e.millis(), e.good(), e.latencyMicros());
    }

    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of("availability", false), Arguments.of("latency", true));
    }

    @ParameterizedTest(name = "merging two {0} stores gives the answers of one store that got all events")
    @MethodSource("kinds")
    void mergeEqualsOneStoreThatGotAllEvents(String kind, boolean latency) {
        SliceStore all = new SliceStore(LAYOUT, latency);
        SliceStore a = new SliceStore(LAYOUT, latency);
        SliceStore b = new SliceStore(LAYOUT, latency);
        Random split = new Random(3);
        long aStops = BEGINNING + 9 * DAY;
        events(11, BEGINNING, BEGINNING + 10 * DAY + 3 * HOUR, e -> {
            feed(all, e);
            feed(e.millis() < aStops && split.nextBoolean() ? a : b, e);
        });
        long now = all.lastEventMillis().orElseThrow();
        List<Object> expected = StoreAnswers.of(all, now);

        SliceStore aThenB = a.copy();
        aThenB.merge(b);
        SliceStore bThenA = b.copy();
        bThenA.merge(a);
        assertThat(StoreAnswers.of(aThenB, now)).containsExactlyElementsOf(expected);
        assertThat(StoreAnswers.of(bThenA, now)).containsExactlyElementsOf(expected);
        assertThat(a.lastEventMillis().orElseThrow()).as("merge leaves its argument unchanged").isLessThan(aStops);
    }

    @ParameterizedTest(name = "a {0} store that got events out of order answers as one that got them in time order")
    @MethodSource("kinds")
    void arrivalOrderWithinTheRetentionDoesNotChangeTheAnswers(String kind, boolean latency) {
        List<Events.Event> arrived = new java.util.ArrayList<>();
        events(13, BEGINNING, BEGINNING + 5 * DAY, arrived::add);
        SliceStore outOfOrder = new SliceStore(LAYOUT, latency);
        arrived.forEach(e -> feed(outOfOrder, e));
        SliceStore inOrder = new SliceStore(LAYOUT, latency);
        arrived.stream().sorted(java.util.Comparator.comparingLong(Events.Event::millis)).forEach(e -> feed(inOrder, e));
        long now = inOrder.lastEventMillis().orElseThrow();
        assertThat(StoreAnswers.of(outOfOrder, now)).containsExactlyElementsOf(StoreAnswers.of(inOrder, now));
        assertThat(outOfOrder.encode()).as("even the encodings agree").isEqualTo(inOrder.encode());
    }

    @Test
    void storesOfDifferentLayoutsOrKindsDoNotMerge() {
        SliceStore store = SliceStore.withLatency(LAYOUT);
        assertThatThrownBy(() -> store.merge(SliceStore.forAvailability(LAYOUT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.merge(SliceStore.withLatency(SliceLayout.COMPACT_LATENCY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "a decoded {0} store answers exactly as the original, then and after both record more")
    @MethodSource("kinds")
    void encodeDecodeRoundTripGivesIdenticalAnswers(String kind, boolean latency) {
        SliceStore original = new SliceStore(LAYOUT, latency);
        events(5, BEGINNING, BEGINNING + 4 * DAY + 30 * MINUTE, e -> feed(original, e));
        byte[] bytes = original.encode();
        SliceStore decoded = SliceStore.decode(bytes);
        long now = original.lastEventMillis().orElseThrow();
        assertThat(StoreAnswers.of(decoded, now)).containsExactlyElementsOf(StoreAnswers.of(original, now));
        assertThat(decoded.encode()).as("re-encoding gives the same bytes").isEqualTo(bytes);
        assertThat(decoded.encodedSizeBytes()).isEqualTo(bytes.length);

        events(6, now, now + 2 * HOUR, e -> {
            feed(original, e);
            feed(decoded, e);
        });
        long later = original.lastEventMillis().orElseThrow();
        assertThat(StoreAnswers.of(decoded, later)).containsExactlyElementsOf(StoreAnswers.of(original, later));
    }

    @Test
    void anEmptyStoreRoundTrips() {
        SliceStore empty = SliceStore.withLatency(LAYOUT);
        SliceStore decoded = SliceStore.decode(empty.encode());
        assertThat(StoreAnswers.of(decoded, BEGINNING)).containsExactlyElementsOf(StoreAnswers.of(empty, BEGINNING));
        assertThat(decoded.encode()).isEqualTo(empty.encode());
    }

    @Test
    void queriesNeverChangeTheStore() {
        SliceStore store = SliceStore.withLatency(LAYOUT);
        events(9, BEGINNING, BEGINNING + 3 * DAY, e -> feed(store, e));
        long now = store.lastEventMillis().orElseThrow();
        byte[] before = store.encode();
        List<Object> answers = StoreAnswers.of(store, now);
        for (long at : new long[] {now - HOUR, now, now + 5 * DAY}) {
            StoreAnswers.of(store, at);
        }
        for (long at : new long[] {now - 2 * DAY, now - HOUR, now, now + 5 * DAY}) {
            store.counts(Duration.ofHours(6), at);
            store.counts(Duration.ofDays(30), at);
            store.latencies(Duration.ofDays(2), at);
            store.percentileMicros(95, Duration.ofDays(7), at);
            store.fractionAtOrBelow(120_000, Duration.ofMinutes(30), at);
        }
        assertThat(store.encode()).isEqualTo(before);
        assertThat(StoreAnswers.of(store, now)).containsExactlyElementsOf(answers);
    }

    /** A small latency store, so that every byte of its encoding can be damaged in turn. */
    private static byte[] smallEncoding() {
        SliceStore store = SliceStore.withLatency(LAYOUT);
        for (int i = 0; i < 40; i++) {
            store.record(BEGINNING + i * 7 * MINUTE, i % 9 != 0, 1_000 + 977L * i);
        }
        return store.encode();
    }

    @Test
    void everyTruncationIsRefusedWithIllegalArgumentException() {
        byte[] bytes = smallEncoding();
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> SliceStore.decode(truncated)).as("truncated to %d bytes", length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everySingleBitFlipIsRefusedWithIllegalArgumentException() {
        byte[] bytes = smallEncoding();
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
            byte[] damaged = bytes.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> SliceStore.decode(damaged)).as("bit %d flipped", bit)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest(name = "random bytes starting with version byte {0} are refused with IllegalArgumentException")
    @ValueSource(ints = {1, 2, 0, 255})
    void randomBytesAreRefusedWithIllegalArgumentException(int firstByte) {
        Random random = new Random(firstByte);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            if (garbage.length > 0) {
                garbage[0] = (byte) firstByte;
            }
            assertThatThrownBy(() -> SliceStore.decode(garbage)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void damageBehindAValidChecksumStillOnlyEverThrowsIllegalArgumentException() {
        byte[] bytes = smallEncoding();
        Random random = new Random(17);
        int decodedAnyway = 0;
        for (int pos = 1; pos < bytes.length - 4; pos++) {
            for (int k = 0; k < 4; k++) {
                byte[] damaged = bytes.clone();
                damaged[pos] = (byte) random.nextInt(256);
                CRC32 crc = new CRC32();
                crc.update(damaged, 0, damaged.length - 4);
                int c = (int) crc.getValue();
                int end = damaged.length - 4;
                damaged[end] = (byte) (c >>> 24);
                damaged[end + 1] = (byte) (c >>> 16);
                damaged[end + 2] = (byte) (c >>> 8);
                damaged[end + 3] = (byte) c;
                try {
                    SliceStore.decode(damaged);
                    decodedAnyway++;
                } catch (IllegalArgumentException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                } catch (Throwable other) {
                    fail("byte " + pos + " set to " + damaged[pos] + " threw " + other, other);
                }
            }
        }
        assertThat(decodedAnyway).as("some damage (e.g. to a count) still decodes").isPositive();
    }

    @Test
    void anUnknownVersionIsNamedInTheMessage() {
        byte[] bytes = smallEncoding();
        bytes[0] = 2;
        assertThatThrownBy(() -> SliceStore.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> SliceStore.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
