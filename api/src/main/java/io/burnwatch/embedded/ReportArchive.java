package io.burnwatch.embedded;

import io.burnwatch.api.StatusStore;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.report.JsonLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the weekly report reads, kept on disk for {@code ./burnwatch run} without InfluxDB: the
 * days the embedded job published and its alert changes, one JSON line each in
 * {@code <data-dir>/reports/days.jsonl} and {@code alerts.jsonl}, read back into the store at start
 * (so a restart on Sunday does not empty Monday's report). At start each file is rewritten with
 * what the store keeps ({@code days-per-slo}, {@code alert-history}), so they stay small.
 */
public final class ReportArchive implements StatusStore.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ReportArchive.class);

    private final Path days;
    private final Path alerts;

    private ReportArchive(Path directory) {
        this.days = directory.resolve("days.jsonl");
        this.alerts = directory.resolve("alerts.jsonl");
    }

    /** Loads what {@code directory} holds into {@code store}, compacts the files, and keeps them from now on. */
    public static ReportArchive open(Path directory, StatusStore store) {
        ReportArchive archive = new ReportArchive(directory);
        try {
            Files.createDirectories(directory);
            int d = 0;
            for (DailyRecord r : JsonLines.read(archive.days, DailyRecord.class)) {
                store.add(r);
                d++;
            }
            int a = 0;
            for (AlertEvent e : JsonLines.read(archive.alerts, AlertEvent.class)) {
                store.add(e, false); // history: sets the firing set, counts no new change
                a++;
            }
            JsonLines.rewrite(archive.days, store.allDays());
            JsonLines.rewrite(archive.alerts, store.changesOldestFirst());
            if (d + a > 0) {
                LOG.info("weekly reports: {} days and {} alert changes read back from {}", d, a, directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the report archive in " + directory, e);
        }
        store.listen(archive);
        return archive;
    }

    @Override
    public void day(DailyRecord day) {
        append(days, day);
    }

    @Override
    public void alert(AlertEvent alert) {
        append(alerts, alert);
    }

    private synchronized void append(Path file, Object record) {
        try {
            JsonLines.append(file, record);
        } catch (IOException e) {
            // the store has it; only a restart before the next write of this day would lose it
            LOG.error("weekly reports: could not keep a record in {}: {}", file, e.toString());
        }
    }
}
