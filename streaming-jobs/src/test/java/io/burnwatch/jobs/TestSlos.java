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
}
