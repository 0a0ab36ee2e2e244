package io.burnwatch.ingest.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJournalTest {

    @TempDir
    Path dir;

    private EventJournal open() throws IOException {
        return EventJournal.open(dir, 4096, 64 * 1024, 1024);
    }

    private static List<byte[]> records(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> (prefix + i).getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static List<String> readAll(EventJournal journal, long from) throws IOException {
        List<String> out = new ArrayList<>();
        long pos = from;
        while (true) {
            EventJournal.Batch b = journal.read(pos, 100);
            if (b.records().isEmpty()) {
                return out;
            }
            b.records().forEach(r -> out.add(new String(r, StandardCharsets.UTF_8)));
            pos = b.nextPosition();
        }
    }

    @Test
    void whatIsAcknowledgedCanBeReadBackInOrder() throws Exception {
        try (EventJournal journal = open()) {
            long end = journal.append(records("a", 3)).get();
            assertThat(end).isEqualTo(journal.durableEnd());
            assertThat(readAll(journal, 0)).containsExactly("a0", "a1", "a2");
        }
    }

    @Test
    void acknowledgedRecordsSurviveAReopen() throws Exception {
        try (EventJournal journal = open()) {
            journal.append(records("x", 500)).get(); // spans several 4 KiB segments
        }
        try (EventJournal journal = open()) {
            List<String> all = readAll(journal, 0);
            assertThat(all).hasSize(500).startsWith("x0").endsWith("x499");
            assertThat(Files.list(dir).count()).isGreaterThan(1);
        }
    }

    @Test
    void aTornTailFromACrashIsCutOffOnOpen() throws Exception {
        try (EventJournal journal = open()) {
            journal.append(records("ok", 2)).get();
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        long goodSize = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 'h', 'a', 'l'})); // half a record
        }
        try (EventJournal journal = open()) {
            assertThat(Files.size(segment)).isEqualTo(goodSize);
            assertThat(readAll(journal, 0)).containsExactly("ok0", "ok1");
            journal.append(records("next", 1)).get();
            assertThat(readAll(journal, 0)).containsExactly("ok0", "ok1", "next0");
        }
    }

    @Test
    void aFullJournalPushesBackUntilTheConsumerReleases() throws Exception {
        try (EventJournal journal = EventJournal.open(dir, 4096, 8192, 4000)) {
            long end = journal.append(List.of(new byte[3000], new byte[3000])).get();
            assertThatThrownBy(() -> journal.append(List.of(new byte[3000])))
                    .isInstanceOf(PublisherOverloadedException.class).hasMessageContaining("the job is behind");
            journal.release(end);
            assertThat(journal.append(List.of(new byte[3000])).get()).isGreaterThan(end);
        }
    }

    @Test
    void releasingDeletesWholeSegmentsOnly() throws Exception {
        try (EventJournal journal = open()) {
            journal.append(records("r", 1000)).get();
            long segmentsBefore;
            try (Stream<Path> f = Files.list(dir)) {
                segmentsBefore = f.count();
            }
            EventJournal.Batch first = journal.read(0, 600);
            journal.release(first.nextPosition());
            try (Stream<Path> f = Files.list(dir)) {
                assertThat(f.count()).isLessThan(segmentsBefore).isPositive();
            }
            assertThat(readAll(journal, first.nextPosition())).hasSize(400).startsWith("r600");
        }
    }

    @Test
    void concurrentAppendsAreAllDurableAndNoneIsLostOrDoubled() throws Exception {
        try (EventJournal journal = EventJournal.open(dir, 64 * 1024, 64L << 20, 1024)) {
            List<CompletableFuture<Long>> acks = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String prefix = "t" + t + "-";
                Thread thread = new Thread(() -> {
                    for (int b = 0; b < 50; b++) {
                        CompletableFuture<Long> ack = journal.append(records(prefix + b + "-", 20));
                        synchronized (acks) {
                            acks.add(ack);
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
            List<String> all = readAll(journal, 0);
            assertThat(all).hasSize(4 * 50 * 20).doesNotHaveDuplicates();
            for (int t = 0; t < 4; t++) {
                String prefix = "t" + t + "-";
                List<String> mine = all.stream().filter(s -> s.startsWith(prefix)).toList();
                assertThat(mine).hasSize(1000).isEqualTo(IntStream.range(0, 1000)
                        .mapToObj(i -> prefix + (i / 20) + "-" + (i % 20)).toList());
            }
        }
    }

    @Test
    void aRecordOverTheLimitIsRefused() throws Exception {
        try (EventJournal journal = open()) {
            assertThatThrownBy(() -> journal.append(List.of(new byte[2000])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds 1024");
        }
    }
}
