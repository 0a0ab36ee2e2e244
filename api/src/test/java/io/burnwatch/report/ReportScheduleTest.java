package io.burnwatch.report;

import io.burnwatch.core.report.ReportPeriod;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When a week's report is due, and the ledger across processes. */
class ReportScheduleTest {

    static Instant due(String cron, String isoWeek, String serviceZone, String scheduleZone) {
        ReportSettings s = ReportSettings.from(new MapPropertyResolver(Map.of("burnwatch.reports.schedule", cron)));
        ReportPeriod week = ReportPeriod.parse(isoWeek, ZoneId.of(serviceZone)).orElseThrow();
        return ReportScheduler.dueAt(s.cron(), s.settle(), week, ZoneId.of(scheduleZone));
    }

    @Test
    void aReportIsDueAtTheScheduleAfterItsWeekAndNeverBeforeItsLastDayIsPublished() {
        // the default: Monday 08:00 in the service's zone (CET in November, CEST in April)
        assertThat(due("0 8 * * MON", "2026-W47", "Europe/Berlin", "Europe/Berlin")).isEqualTo("2026-11-23T07:00:00Z");
        assertThat(due("0 8 * * MON", "2026-W15", "Europe/Berlin", "Europe/Berlin")).isEqualTo("2026-04-13T06:00:00Z");
        // one schedule zone for all: Honolulu's week ends at 10:00 UTC on Monday; due then (+15 min), not a week later
        assertThat(due("0 8 * * MON", "2026-W47", "Pacific/Honolulu", "UTC")).isEqualTo("2026-11-23T10:15:00Z");
        // a schedule before the week ends (Sunday evening) waits for the week's last day
        assertThat(due("0 20 * * SUN", "2026-W47", "Europe/Berlin", "Europe/Berlin")).isEqualTo("2026-11-22T23:15:00Z");
        // the last day of a week whose Sunday has 25 hours (clocks go back on 25 October 2026) is still that Sunday
        assertThat(due("30 0 * * SUN", "2026-W43", "Europe/Berlin", "Europe/Berlin")).isEqualTo("2026-10-25T23:15:00Z");
        // six fields (seconds first) are taken too
        assertThat(due("30 0 9 * * MON", "2026-W47", "UTC", "UTC")).isEqualTo("2026-11-23T09:00:30Z");
    }

    @Test
    void aReportSentByAnotherProcessIsSeenAndATornLineDoesNotCount(@TempDir Path dir) throws Exception {
        SentReports service = new SentReports(dir);
        SentReports command = new SentReports(dir); // ./burnwatch report --send, while the service runs
        assertThat(service.contains("service:shop:2026-W47")).isFalse();
        command.record(new SentReports.Entry("service:shop:2026-W47", Instant.parse("2026-11-23T06:30:00Z"),
                List.of("shop-lead@example.com"), "s"));
        assertThat(service.contains("service:shop:2026-W47")).as("read again: the file changed").isTrue();
        Files.writeString(dir.resolve("sent.jsonl"), "{\"key\":\"service:shop:2026-W48\",\"sen",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(new SentReports(dir).contains("service:shop:2026-W48")).isFalse();
        assertThat(new SentReports(dir).entries()).hasSize(1);
        // the next record after a torn line stands on its own line
        command.record(new SentReports.Entry("service:shop:2026-W49", Instant.parse("2026-12-07T07:00:00Z"), List.of(), "s"));
        assertThat(new SentReports(dir).contains("service:shop:2026-W49")).isTrue();
    }

    @Test
    void anUnwritableLedgerIsRefusedBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SentReports(file).checkWritable())
                .hasMessageContaining("cannot be written").hasMessageContaining("burnwatch.reports.state-directory");
        new SentReports(dir.resolve("fresh")).checkWritable();
        assertThat(dir.resolve("fresh/sent.jsonl")).exists();
        assertThat(Duration.ofMinutes(15)).isEqualTo(ReportSettings.from(new MapPropertyResolver(Map.of())).settle());
    }
}
