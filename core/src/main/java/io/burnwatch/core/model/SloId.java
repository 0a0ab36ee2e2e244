package io.burnwatch.core.model;

/** The identity of an SLO across Burnwatch: {@code service/slo}, e.g. {@code checkout/availability}. */
public record SloId(String service, String slo) implements Comparable<SloId> {

    @Override
    public String toString() {
        return service + "/" + slo;
    }

    @Override
    public int compareTo(SloId o) {
        int c = service.compareTo(o.service);
        return c != 0 ? c : slo.compareTo(o.slo);
    }
}
