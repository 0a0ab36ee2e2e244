package io.burnwatch.jobs.sinks;

import io.burnwatch.jobs.SloJob;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts the configured sinks on the job's outputs, each with a stable uid (so a savepoint restores
 * the Alertmanager sink's tracked alerts after an upgrade) and a name that says where it writes.
 */
public final class Sinks {

    private Sinks() {
    }

    /** Attaches every sink {@code settings} switches on; returns their names, for the start-up log. */
    public static List<String> attach(SloJob.Outputs out, SinkSettings settings) {
        List<String> attached = new ArrayList<>();
        DataStream<SloStatusRecord> status = out.status();
        DataStream<AlertEvent> alerts = out.alerts();
        if (settings.influxdb() != null) {
            SinkSettings.InfluxDb s = settings.influxdb();
            status.sinkTo(InfluxDbSink.status(s)).uid("status-to-influxdb").name("Status to InfluxDB");
            alerts.sinkTo(InfluxDbSink.alerts(s)).uid("alerts-to-influxdb").name("Alerts to InfluxDB");
            out.days().sinkTo(InfluxDbSink.days(s)).uid("days-to-influxdb").name("Days to InfluxDB");
            attached.add("InfluxDB " + s.connection() + " database " + s.database());
        }
        if (settings.elasticsearch() != null) {
            SinkSettings.Elasticsearch s = settings.elasticsearch();
            status.sinkTo(ElasticsearchSink.status(s)).uid("status-to-elasticsearch").name("Status to Elasticsearch");
            alerts.sinkTo(ElasticsearchSink.alerts(s)).uid("alerts-to-elasticsearch").name("Alerts to Elasticsearch");
            attached.add("Elasticsearch " + s.connection() + " indices " + s.indexPrefix() + "-*");
        }
        if (settings.alertmanager() != null) {
            SinkSettings.Alertmanager s = settings.alertmanager();
            alerts.sinkTo(new AlertmanagerSink(s)).setParallelism(1).uid("alerts-to-alertmanager")
                    .name("Alerts to Alertmanager");
            attached.add("Alertmanager " + s.connection());
        }
        for (SinkSettings.Webhook w : settings.webhooks()) {
            alerts.sinkTo(new WebhookSink(w)).setParallelism(1).uid("alerts-to-webhook-" + w.name())
                    .name("Alerts to webhook " + w.name());
            attached.add(w.toString());
        }
        return attached;
    }
}
