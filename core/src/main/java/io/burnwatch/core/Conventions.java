package io.burnwatch.core;

/**
 * Names other people rely on — alert labels, annotation keys — in one place, used by the sinks,
 * the dashboards and the report. Changing one is a breaking change: see docs/alerts.md.
 */
public final class Conventions {

    private Conventions() {
    }

    public static final String ALERTNAME_BURN_RATE = "SLOErrorBudgetBurn";
    public static final String ALERTNAME_NO_DATA = "SLONoData";

    public static final String LABEL_ALERTNAME = "alertname";
    public static final String LABEL_SERVICE = "service";
    public static final String LABEL_SLO = "slo";
    public static final String LABEL_SEVERITY = "severity";
    public static final String LABEL_TIER = "tier";
    /** The tier's long and short window, e.g. {@code 1h/5m}. */
    public static final String LABEL_WINDOW = "window";

    public static final String ANNOTATION_SUMMARY = "summary";
    public static final String ANNOTATION_DESCRIPTION = "description";
    public static final String ANNOTATION_RUNBOOK_URL = "runbook_url";
    /** Trace ids of recent bad requests, newest first, comma-separated. */
    public static final String ANNOTATION_EXEMPLAR_TRACE_IDS = "exemplar_trace_ids";
}
