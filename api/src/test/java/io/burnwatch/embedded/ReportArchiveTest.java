package io.burnwatch.embedded;

import io.burnwatch.api.StatusStore;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded run's report data across a restart: days and alert changes come back, a torn line is skipped. */
class ReportArchiveTest {

    @Test
    void daysAndAlertChangesComeBackAfterARestartAndTheFilesStayBounded(@TempDir Path dir) throws Exception {
        StatusStore before = new StatusStore(10, 3, 5);
        ReportArchive.open(dir, before);
        for (int i = 1; i <= 8; i++) {
            before.add(day(LocalDate.of(2026, 11, i)));
        }
        before.add(alert(AlertEvent.Status.FIRING, 0));
        before.add(alert(AlertEvent.Status.RESOLVED, 60_000));
        Files.writeString(dir.resolve("days.jsonl"), "{\"service\":\"shop\",\"slo\"", java.nio.file.StandardOpenOption.APPEND);

        StatusStore after = new StatusStore(10, 3, 5); // a restart: a new, empty store
        ReportArchive.open(dir, after);

        assertThat(after.days("shop/availability", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)))
                .extracting(DailyRecord::date)
                .containsExactly("2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"); // days-per-slo 5
        assertThat(after.days("shop/availability", LocalDate.of(2026, 11, 8), LocalDate.of(2026, 11, 8)).get(0))
                .isEqualTo(day(LocalDate.of(2026, 11, 8)));
        assertThat(after.changes()).extracting(AlertEvent::status)
                .containsExactly(AlertEvent.Status.RESOLVED, AlertEvent.Status.FIRING);
        assertThat(after.changes().get(0)).isEqualTo(alert(AlertEvent.Status.RESOLVED, 60_000));
        assertThat(after.firing()).isEmpty();
        assertThat(after.alertChanges(AlertEvent.Status.FIRING)).as("history, not new changes").isZero();
        assertThat(Files.readAllLines(dir.resolve("days.jsonl"))).as("rewritten with what the store keeps").hasSize(5);

        after.add(day(LocalDate.of(2026, 11, 9)));
        assertThat(Files.readAllLines(dir.resolve("days.jsonl"))).hasSize(6);
    }

    static DailyRecord day(LocalDate d) {
        return new DailyRecord("shop", "availability", d.toString(), "Europe/Berlin", d.toEpochDay() * 86_400_000L,
                d.toEpochDay() * 86_400_000L + 86_400_000L, 99_990, 100_000, 99_990, 100_000, 2, 60, -1, true);
    }

    static AlertEvent alert(AlertEvent.Status status, long ends) {
        return new AlertEvent("fp-1", status, "SLOErrorBudgetBurn", "shop", "availability", "page", "page-1h", 3600, 300,
                14.4, 20, 30, 0.5, 1_000, ends, 1_000 + ends, 1, "fp", Map.of("slo", "availability"),
                Map.of("summary", "s"), List.of("ab".repeat(16)), "https://r", 90, 0.25);
    }
}
