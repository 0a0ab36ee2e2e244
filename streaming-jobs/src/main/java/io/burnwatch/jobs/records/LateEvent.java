package io.burnwatch.jobs.records;

/**
 * An SLI event the job could not count, on its side output: later than the allowed lateness, or
 * for an SLO that is not defined (after waiting for its definition).
 *
 * @param watermarkMillis the job's event time when it arrived
 */
public record LateEvent(String sloKey, long eventTimeMillis, long watermarkMillis, Reason reason) {

    public enum Reason {
        /** older than the watermark minus the allowed lateness */
        TOO_LATE,
        /** no SLO of that name is defined */
        UNKNOWN_SLO,
        /** older than the SLO's state keeps (32 days) */
        OLDER_THAN_RETENTION
    }
}
