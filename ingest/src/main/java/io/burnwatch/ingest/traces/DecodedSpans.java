package io.burnwatch.ingest.traces;

import java.util.List;

/**
 * What one request decoded to: its valid spans, in request order, and the rejected ones.
 *
 * @param spans         the valid spans
 * @param rejectedSpans how many spans were rejected, exactly (OTLP {@code partial_success.rejected_spans})
 * @param rejections    the first rejections, at most {@link TraceLimits#maxRejectionsListed()}, by location
 */
public record DecodedSpans(List<Span> spans, long rejectedSpans, List<SpanRejection> rejections) {

    public DecodedSpans {
        spans = List.copyOf(spans);
        rejections = List.copyOf(rejections);
        if (rejectedSpans < rejections.size()) {
            throw new IllegalArgumentException(rejectedSpans + " rejected spans but " + rejections.size() + " rejections");
        }
    }

    /**
     * OTLP {@code partial_success.error_message}: empty when nothing was rejected, else the count and
     * each listed rejection, e.g. {@code 2 spans rejected: resourceSpans[0].scopeSpans[0].spans[1]
     * (name 'GET /', trace id '', span id ''): trace id is empty; …}.
     */
    public String errorMessage() {
        if (rejectedSpans == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append(rejectedSpans).append(rejectedSpans == 1 ? " span" : " spans").append(" rejected");
        if (rejections.isEmpty()) {
            return b.toString();
        }
        b.append(": ");
        for (int i = 0; i < rejections.size(); i++) {
            if (i > 0) {
                b.append("; ");
            }
            b.append(rejections.get(i).describe());
        }
        long unlisted = rejectedSpans - rejections.size();
        if (unlisted > 0) {
            b.append("; and ").append(unlisted).append(" more");
        }
        return b.toString();
    }
}
