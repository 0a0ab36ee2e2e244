package io.burnwatch.core.alert;

import io.burnwatch.core.Conventions;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.Slo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels that identify an alert, and its fingerprint: a stable hash of the sorted labels, so
 * the same tier of the same SLO always has the same fingerprint, across restarts and replicas.
 */
public final class AlertLabels {

    private AlertLabels() {
    }

    /** Labels of a burn-rate alert: the SLO's alerting labels, then the fixed ones (which win). */
    public static Map<String, String> burnRate(Slo slo, BurnRateTier tier) {
        Map<String, String> labels = new TreeMap<>(slo.alerting().labels());
        labels.put(Conventions.LABEL_ALERTNAME, Conventions.ALERTNAME_BURN_RATE);
        labels.put(Conventions.LABEL_SERVICE, slo.id().service());
        labels.put(Conventions.LABEL_SLO, slo.id().slo());
        labels.put(Conventions.LABEL_SEVERITY, tier.severity().label());
        labels.put(Conventions.LABEL_TIER, tier.name());
        labels.put(Conventions.LABEL_WINDOW,
                Durations.format(tier.longWindow()) + "/" + Durations.format(tier.shortWindow()));
        return labels;
    }

    /** Labels of the no-data alert of an SLO; it is a ticket. */
    public static Map<String, String> noData(Slo slo) {
        Map<String, String> labels = new TreeMap<>(slo.alerting().labels());
        labels.put(Conventions.LABEL_ALERTNAME, Conventions.ALERTNAME_NO_DATA);
        labels.put(Conventions.LABEL_SERVICE, slo.id().service());
        labels.put(Conventions.LABEL_SLO, slo.id().slo());
        labels.put(Conventions.LABEL_SEVERITY, "ticket");
        return labels;
    }

    /** 64-bit FNV-1a over "k=v\n" of the labels in key order, as 16 hex digits. */
    public static String fingerprint(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            for (byte b : (e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8)) {
                hash ^= (b & 0xff);
                hash *= 0x100000001b3L;
            }
        }
        return String.format("%016x", hash);
    }
}
