package io.burnwatch.ingest.traces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers one request's spans and rejections while a decoder walks it: the span limit, the
 * rejection count and its bounded list, the places of accepted spans, and (OTLP) duplicate ids.
 * One per decode call.
 */
final class SpanCollector {

    private final TraceLimits limits;
    private final ArrayList<Span> spans = new ArrayList<>();
    private final ArrayList<SpanRejection> rejections = new ArrayList<>();
    /** resource, scope and span index of each accepted span, three ints per span. */
    private int[] places = new int[3 * 64];
    private long rejected;
    private long seen;

    SpanCollector(TraceLimits limits) {
        this.limits = limits;
    }

    /**
     * Counts one more span of the request. False when the request is past its span limit: the
     * span is then already counted as rejected and must be skipped.
     */
    boolean admit(int resource, int scope, int index) {
        seen++;
        if (seen <= limits.maxSpansPerRequest()) {
            return true;
        }
        if (seen == limits.maxSpansPerRequest() + 1L) {
            reject(new SpanRejection(resource, scope, index, "", "", "", "more than " + limits.maxSpansPerRequest()
                    + " spans in one request: this span and every later one are not decoded; send smaller batches"));
        } else {
            rejected++;
        }
        return false;
    }

    /** Whether a rejection would still be listed (else {@link #countRejected()} saves building it). */
    boolean listsRejections() {
        return rejections.size() < limits.maxRejectionsListed();
    }

    void reject(SpanRejection rejection) {
        rejected++;
        if (listsRejections()) {
            rejections.add(rejection);
        }
    }

    void countRejected() {
        rejected++;
    }

    void accept(Span span, int resource, int scope, int index) {
        int n = spans.size();
        if (3 * n + 3 > places.length) {
            places = Arrays.copyOf(places, places.length * 2);
        }
        places[3 * n] = resource;
        places[3 * n + 1] = scope;
        places[3 * n + 2] = index;
        spans.add(span);
    }

    int size() {
        return spans.size();
    }

    /** Gives the spans accepted since {@code from} their service (OTLP/JSON: {@code resource} after {@code scopeSpans}). */
    void assignService(int from, String service) {
        for (int i = from; i < spans.size(); i++) {
            spans.set(i, spans.get(i).withServiceName(service));
        }
    }

    /** Turns the spans accepted since {@code from} into rejections, all for one reason. */
    void rejectSince(int from, String reason) {
        for (int i = from; i < spans.size(); i++) {
            Span s = spans.get(i);
            reject(new SpanRejection(places[3 * i], places[3 * i + 1], places[3 * i + 2], s.name(), s.traceId(),
                    s.spanId(), reason));
        }
        spans.subList(from, spans.size()).clear();
    }

    DecodedSpans finish() {
        sortRejections();
        return new DecodedSpans(spans, rejected, rejections);
    }

    /**
     * Like {@link #finish()}, after rejecting every span whose trace id and span id an earlier span
     * of the request already had: OTLP span ids are unique in a trace, so a repeat is the same
     * span sent twice and would count its request twice.
     */
    DecodedSpans finishWithoutDuplicates() {
        int n = spans.size();
        if (n > 1 && mayHaveDuplicates(n)) {
            rejectDuplicates();
        }
        return finish();
    }

    /** The fast check: a sort of one mixed key per span; equal neighbours are only candidates. */
    private boolean mayHaveDuplicates(int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            Span s = spans.get(i);
            keys[i] = s.spanIdBits() * 0x9E3779B97F4A7C15L ^ s.traceIdLow() * 0xC2B2AE3D27D4EB4FL ^ s.traceIdHigh();
        }
        Arrays.sort(keys);
        for (int i = 1; i < n; i++) {
            if (keys[i] == keys[i - 1]) {
                return true;
            }
        }
        return false;
    }

    private record SpanKey(long traceIdHigh, long traceIdLow, long spanId) {
    }

    private void rejectDuplicates() {
        Map<SpanKey, Integer> first = new HashMap<>();
        List<Span> kept = new ArrayList<>(spans.size());
        int[] keptPlaces = new int[places.length];
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            Integer earlier = first.putIfAbsent(new SpanKey(s.traceIdHigh(), s.traceIdLow(), s.spanIdBits()), i);
            if (earlier == null) {
                System.arraycopy(places, 3 * i, keptPlaces, 3 * kept.size(), 3);
                kept.add(s);
            } else if (listsRejections()) {
                int e = earlier;
                reject(new SpanRejection(places[3 * i], places[3 * i + 1], places[3 * i + 2], s.name(), s.traceId(),
                        s.spanId(), "duplicate: span " + new SpanRejection(places[3 * e], places[3 * e + 1],
                        places[3 * e + 2], "", "", "", "").location() + " has the same trace id and span id"));
            } else {
                countRejected();
            }
        }
        spans.clear();
        spans.addAll(kept);
        places = keptPlaces;
    }

    private static final Comparator<SpanRejection> BY_PLACE = Comparator.comparingInt(SpanRejection::resourceIndex)
            .thenComparingInt(SpanRejection::scopeIndex).thenComparingInt(SpanRejection::spanIndex);

    private void sortRejections() {
        rejections.sort(BY_PLACE);
    }
}
