package io.burnwatch.jobs;

/** SLO definitions for the job's tests, as the {@code burnwatch/v1} YAML the definitions stream carries. */
public final class TestSlos {

    private TestSlos() {
    }

    /** A service document with the given SLO entries (each from {@link #availability}). */
    public static String service(String name, String slos) {
        return """
                apiVersion: burnwatch/v1
                kind: Service
                service:
                  name: %s
                  runbook: https://runbooks.example.com/%s
                slos:
                """.formatted(name, name) + slos.stripIndent();
    }

    /** The SLO {@code availability} at 99.9 % over 30 days, from the traces of {@code service}. */
    public static String availability(String service, String extraAlerting) {
        return availability("availability", "99.9", service, extraAlerting);
    }

    /**
     * An availability SLO over 30 days from the traces of {@code service}.
     *
     * @param extraAlerting lines added to its {@code alerting:} block, indented by six spaces
     */
    public static String availability(String slo, String objectivePercent, String service, String extraAlerting) {
        return """
                  - name: %s
                    objective: %s
                    window: 30d
                    sli:
                      kind: availability
                      source:
                        traces:
                          service: %s
                    alerting:
                      keepFiringFor: 5m
                %s""".formatted(slo, objectivePercent, service, extraAlerting);
    }

    /**
     * A P95 latency SLO over 30 days in one-minute timeslices (P95 ≤ 250 ms in 99 % of them), from
     * the traces of {@code service}.
     */
    public static String latencyP95(String slo, String service) {
        return """
                  - name: %s
                    objective: 99
                    window: 30d
                    budgeting:
                      method: timeslices
                      slice: 1m
                    sli:
                      kind: latencyPercentile
                      percentile: 95
                      threshold: 250ms
                      source:
                        traces:
                          service: %s
                """.formatted(slo, service);
    }
}
