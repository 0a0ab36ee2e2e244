package io.burnwatch.ingest.lineprotocol;

/**
 * Limits and policies of a {@link LineProtocolDecoder}.
 *
 * @param maxLineBytes          the longest line accepted, without its line terminator; a longer
 *                              one is an error for that line ("line too long"), and bounds the
 *                              decoder's scratch memory
 * @param maxReportedErrors     how many {@link LineError}s a {@link DecodeResult} keeps (all bad
 *                              lines are counted)
 * @param validateRejectedLines whether a line the handler dropped on its measurement is still
 *                              checked to the end (so a bad line is reported as InfluxDB would),
 *                              or only skipped over (cheaper)
 */
public record DecoderOptions(int maxLineBytes, int maxReportedErrors, boolean validateRejectedLines) {

    /**
     * 256 KiB. Telegraf's own old listener default was 64 KiB, but real Telegraf output exceeds it:
     * its http_listener_v2 test fixture {@code huge_metric} (one redis point) is a 71 KB line.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 256 * 1024;

    public static final int DEFAULT_MAX_REPORTED_ERRORS = 10;

    /** Scratch buffers hold at most one line; this keeps their offsets far from int overflow. */
    public static final int MAX_LINE_BYTES_LIMIT = 1 << 30;

    public static final DecoderOptions DEFAULT =
            new DecoderOptions(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_REPORTED_ERRORS, true);

    public DecoderOptions {
        if (maxLineBytes < 1 || maxLineBytes > MAX_LINE_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxLineBytes must be in [1, " + MAX_LINE_BYTES_LIMIT + "]: " + maxLineBytes);
        }
        if (maxReportedErrors < 0) {
            throw new IllegalArgumentException("maxReportedErrors must not be negative: " + maxReportedErrors);
        }
    }

    public DecoderOptions withMaxLineBytes(int bytes) {
        return new DecoderOptions(bytes, maxReportedErrors, validateRejectedLines);
    }

    public DecoderOptions withMaxReportedErrors(int count) {
        return new DecoderOptions(maxLineBytes, count, validateRejectedLines);
    }

    public DecoderOptions withValidateRejectedLines(boolean validate) {
        return new DecoderOptions(maxLineBytes, maxReportedErrors, validate);
    }
}
