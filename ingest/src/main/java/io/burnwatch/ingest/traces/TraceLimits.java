package io.burnwatch.ingest.traces;

/**
 * Bounds on what one request may make a decoder do. The body size itself is the HTTP layer's
 * limit (it also un-gzips); these bound the work and memory per span and per request.
 *
 * @param maxSpansPerRequest   spans beyond this are not decoded; they count as rejected (one
 *                             rejection names the first of them and the limit)
 * @param maxAttributesPerSpan only the first this-many attributes of a span (tags of a Zipkin span,
 *                             attributes of an OTLP resource) are looked at; later ones are ignored
 * @param maxStringLength      the longest service name, span name and route taken (UTF-8 bytes in
 *                             protobuf, characters in JSON); a span with a longer one is rejected
 * @param maxRejectionsListed  how many rejections are kept with their details; all are counted
 */
public record TraceLimits(int maxSpansPerRequest, int maxAttributesPerSpan, int maxStringLength, int maxRejectionsListed) {

    /**
     * 100 000 spans (SDKs export 512 per batch, the Collector's batch processor 8192); 128
     * attributes (the SDKs' default attribute count limit); 1024-character names; 20 rejections.
     */
    public static final TraceLimits DEFAULT = new TraceLimits(100_000, 128, 1024, 20);

    public TraceLimits {
        if (maxSpansPerRequest < 1 || maxAttributesPerSpan < 0 || maxStringLength < 1 || maxRejectionsListed < 0) {
            throw new IllegalArgumentException("bad trace limits: spans " + maxSpansPerRequest + ", attributes "
                    + maxAttributesPerSpan + ", string length " + maxStringLength + ", rejections listed " + maxRejectionsListed);
        }
    }
}
