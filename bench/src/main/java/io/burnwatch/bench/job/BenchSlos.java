package io.burnwatch.bench.job;

import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.io.Serializable;
import java.util.Optional;

/**
 * The SLOs of the job benchmarks: {@code services × slosPerService} burnwatch/v1 SLOs over traces,
 * every even one an availability SLI (objective 99.9 %), every odd one a latency-threshold SLI
 * (99 % within 300 ms), all with a 30-day window and the default Workbook alert tiers.
 * SLO {@code i} (0-based, in {@link #id} order) belongs to service {@code i / slosPerService}.
 */
public record BenchSlos(int services, int slosPerService) implements Serializable {

    /** The latency threshold of the latency SLOs. */
    public static final long THRESHOLD_MICROS = 300_000;

    public BenchSlos {
        if (services < 1 || slosPerService < 1) {
            throw new IllegalArgumentException("need at least one service and one SLO per service, got "
                    + services + " × " + slosPerService);
        }
    }

    /** {@code total} SLOs in services of at most {@code perService}. */
    public static BenchSlos of(int total, int perService) {
        if (total % perService != 0) {
            throw new IllegalArgumentException(total + " SLOs do not split into services of " + perService);
        }
        return new BenchSlos(total / perService, perService);
    }

    public int count() {
        return services * slosPerService;
    }

    public static boolean isLatency(int index) {
        return index % 2 == 1;
    }

    public String service(int serviceIndex) {
        return String.format("svc-%04d", serviceIndex);
    }

    public SloId id(int index) {
        int within = index % slosPerService;
        return new SloId(service(index / slosPerService),
                String.format(isLatency(index) ? "latency-%04d" : "availability-%04d", within));
    }

    /** Every SLO's id, in index order. */
    public SloId[] ids() {
        SloId[] ids = new SloId[count()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(i);
        }
        return ids;
    }

    /** The burnwatch/v1 file of one service. */
    public String yaml(int serviceIndex) {
        String service = service(serviceIndex);
        StringBuilder y = new StringBuilder(256 + slosPerService * 200);
        y.append("apiVersion: burnwatch/v1\nkind: Service\nservice:\n  name: ").append(service).append("\nslos:\n");
        for (int k = 0; k < slosPerService; k++) {
            int index = serviceIndex * slosPerService + k;
            y.append("  - name: ").append(id(index).slo()).append('\n');
            if (isLatency(index)) {
                y.append("    objective: 99\n    window: 30d\n    sli:\n      kind: latencyThreshold\n")
                        .append("      threshold: ").append(THRESHOLD_MICROS / 1000).append("ms\n");
            } else {
                y.append("    objective: 99.9\n    window: 30d\n    sli:\n      kind: availability\n");
            }
            y.append("      source:\n        traces:\n          service: ").append(service).append('\n');
        }
        return y.toString();
    }

    /** A bounded source with one definition per service, as the registry publishes them. */
    public DataGeneratorSource<SloDefinitionUpdate> definitions() {
        String[] names = new String[services];
        String[] files = new String[services];
        for (int s = 0; s < services; s++) {
            names[s] = service(s);
            files[s] = yaml(s);
        }
        GeneratorFunction<Long, SloDefinitionUpdate> publish = index -> {
            int s = (int) (long) index;
            return new SloDefinitionUpdate(names[s], Optional.of(files[s]), "bench");
        };
        return new DataGeneratorSource<>(publish, services, Types.DEFINITION_UPDATE);
    }
}
