package io.burnwatch.jobs;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Runs the job over recorded events on the test's MiniCluster and collects what it produced. */
public final class JobRun {

    public final List<SloStatusRecord> status;
    public final List<AlertEvent> alerts;
    public final List<LateEvent> late;
    /** The published days, by SLO and date. */
    public final List<DailyRecord> days;

    private JobRun(List<SloStatusRecord> status, List<AlertEvent> alerts, List<LateEvent> late, List<DailyRecord> days) {
        this.status = status;
        this.alerts = alerts;
        this.late = late;
        this.days = days;
    }

    public static JobRun of(List<SliEvent> events, String[][] definitions, JobSettings settings, int parallelism)
            throws Exception {
        return of(events, definitions, settings, parallelism, SliWatermarks.events(settings));
    }

    /**
     * A watermark after every event ({@code outOfOrderness} behind the newest), in-band with the
     * events: whether an event is late then depends on the input order alone, not on timing.
     */
    public static WatermarkStrategy<SliEvent> punctuated(JobSettings settings) {
        long bound = settings.outOfOrderness().toMillis();
        return WatermarkStrategy.<SliEvent>forGenerator(ctx -> new WatermarkGenerator<>() {
            long max = Long.MIN_VALUE;

            @Override
            public void onEvent(SliEvent event, long timestamp, WatermarkOutput output) {
                if (timestamp > max) {
                    max = timestamp;
                    output.emitWatermark(new Watermark(max - bound - 1));
                }
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
            }
        }).withTimestampAssigner((e, ts) -> e.timeMillis());
    }

    public static JobRun of(List<SliEvent> events, String[][] definitions, JobSettings settings, int parallelism,
                     WatermarkStrategy<SliEvent> watermarks) throws Exception {
        return of(RecordedSources.events(events), definitions, settings, parallelism, watermarks, out -> { });
    }

    /** As the others, with more sinks on the job's outputs (the sinks under test). */
    public static JobRun of(List<SliEvent> events, String[][] definitions, JobSettings settings, int parallelism,
                            Consumer<SloJob.Outputs> sinks) throws Exception {
        return of(RecordedSources.events(events), definitions, settings, parallelism, SliWatermarks.events(settings), sinks);
    }

    /** The events from {@code events} (e.g. a rate-limited replay), with more sinks on the job's outputs. */
    public static JobRun of(Source<SliEvent, ?, ?> events, String[][] definitions, JobSettings settings, int parallelism,
                            Consumer<SloJob.Outputs> sinks) throws Exception {
        return of(events, definitions, settings, parallelism, SliWatermarks.events(settings), sinks);
    }

    private static JobRun of(Source<SliEvent, ?, ?> events, String[][] definitions, JobSettings settings, int parallelism,
                             WatermarkStrategy<SliEvent> watermarks, Consumer<SloJob.Outputs> sinks) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        String run = UUID.randomUUID().toString();
        CollectingSink<SloStatusRecord> status = CollectingSink.named(run + "-status");
        CollectingSink<AlertEvent> alerts = CollectingSink.named(run + "-alerts");
        CollectingSink<LateEvent> late = CollectingSink.named(run + "-late");
        CollectingSink<DailyRecord> days = CollectingSink.named(run + "-days");
        SloJob.Outputs out = SloJob.build(env, events, watermarks,
                RecordedSources.definitions(definitions), settings);
        out.status().sinkTo(status);
        out.alerts().sinkTo(alerts);
        out.lateEvents().sinkTo(late);
        out.days().sinkTo(days);
        sinks.accept(out);
        env.execute("scenario");
        List<AlertEvent> alertList = CollectingSink.<AlertEvent>records(run + "-alerts");
        alertList.sort(Comparator.comparingLong(AlertEvent::evaluatedAtMillis).thenComparing(AlertEvent::tier)
                .thenComparing(AlertEvent::slo));
        List<SloStatusRecord> statusList = CollectingSink.<SloStatusRecord>records(run + "-status");
        statusList.sort(Comparator.comparingLong(SloStatusRecord::atMillis).thenComparing(SloStatusRecord::sloKey));
        List<DailyRecord> dayList = CollectingSink.<DailyRecord>records(run + "-days");
        dayList.sort(Comparator.comparing(DailyRecord::sloKey).thenComparing(DailyRecord::date)
                .thenComparing(DailyRecord::complete));
        return new JobRun(statusList, alertList, CollectingSink.records(run + "-late"), dayList);
    }

    /** The last status of an SLO. */
    public SloStatusRecord last(String sloKey) {
        return status.stream().filter(s -> s.sloKey().equals(sloKey)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no status of " + sloKey));
    }

    public List<AlertEvent> alertsOf(String sloKey) {
        return alerts.stream().filter(a -> (a.service() + "/" + a.slo()).equals(sloKey)).toList();
    }
}
