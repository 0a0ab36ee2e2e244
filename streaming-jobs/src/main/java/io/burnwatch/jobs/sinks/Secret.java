package io.burnwatch.jobs.sinks;

import java.io.Serializable;

/**
 * A password, token, API key or signing key from the sink settings. It prints as {@code ****}
 * wherever it goes (logs, exception messages, Flink's web UI of the job's settings), so only the
 * code that hands it to a client sees it, through {@link #reveal()}.
 */
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String value;

    public Secret(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
