package io.burnwatch.jobs;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/** Deterministic request streams for scenarios: request {@code k} of a segment at {@code from + k × 1000 / perSecond}. */
final class Traffic {

    final SloId slo;
    final List<RequestOutcome> requests = new ArrayList<>();

    Traffic(SloId slo) {
        this.slo = slo;
    }

    /**
     * @param bad     whether the request at time t fails (or is slow, for latency SLIs)
     * @param latency latency in µs of the request at t; NO_LATENCY for none
     */
    Traffic segment(long fromMillis, long toMillis, double perSecond, LongPredicate bad, LongUnaryOperator latency) {
        double step = 1000.0 / perSecond;
        for (long k = 0; ; k++) {
            long t = fromMillis + Math.round(k * step);
            if (t >= toMillis) {
                return this;
            }
            boolean failed = bad.test(t);
            requests.add(new RequestOutcome(slo, t, !failed, latency.applyAsLong(t), failed ? String.format("%032x", t) : ""));
        }
    }

    Traffic segment(long fromMillis, long toMillis, double perSecond, LongPredicate bad) {
        return segment(fromMillis, toMillis, perSecond, bad, t -> RequestOutcome.NO_LATENCY);
    }

    long[] times() {
        return requests.stream().mapToLong(RequestOutcome::timeMillis).toArray();
    }

    boolean[] good() {
        boolean[] g = new boolean[requests.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = requests.get(i).good();
        }
        return g;
    }

    long lastMillis() {
        return requests.stream().mapToLong(RequestOutcome::timeMillis).max().orElseThrow();
    }

    long firstMillis() {
        return requests.stream().mapToLong(RequestOutcome::timeMillis).min().orElseThrow();
    }

    long goodCount() {
        return requests.stream().filter(RequestOutcome::good).count();
    }

    static List<SliEvent> merged(Traffic... traffic) {
        List<SliEvent> all = new ArrayList<>();
        for (Traffic t : traffic) {
            all.addAll(t.requests);
        }
        all.sort(java.util.Comparator.comparingLong(SliEvent::timeMillis));
        return all;
    }
}
