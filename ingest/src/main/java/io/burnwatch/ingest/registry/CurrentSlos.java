package io.burnwatch.ingest.registry;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.spec.SpecProblem;
import io.burnwatch.ingest.config.IngestConfig;
import io.burnwatch.ingest.match.MatchStats;
import io.burnwatch.ingest.match.SpanMatcher;
import io.burnwatch.ingest.match.TelegrafMatcher;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SLOs ingest matches against, and the matchers built from them. Loaded from the configured
 * directories at start; {@link #update} swaps in a new set atomically (the registry calls it on
 * every accepted change), so a request is matched against one consistent set.
 */
@Context // loaded at start, so broken definitions show in the log before the first write
public final class CurrentSlos {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentSlos.class);

    /** One consistent set of matchers. */
    public record Matchers(List<ServiceDefinition> services, TelegrafMatcher telegraf, SpanMatcher spans) {
    }

    private final MatchStats stats = new MatchStats();
    private final int maxSeriesPerSlo;
    private final AtomicReference<Matchers> current = new AtomicReference<>();

    public CurrentSlos(IngestConfig config) {
        this.maxSeriesPerSlo = config.maxSeriesPerSlo();
        update(load(config.sloDirectories()));
    }

    public Matchers matchers() {
        return current.get();
    }

    public MatchStats stats() {
        return stats;
    }

    public void update(List<ServiceDefinition> services) {
        current.set(new Matchers(List.copyOf(services), TelegrafMatcher.of(services, stats, maxSeriesPerSlo),
                SpanMatcher.of(services, stats)));
        LOG.info("matching against {} SLOs of {} services",
                services.stream().mapToInt(s -> s.slos().size()).sum(), services.size());
    }

    private static List<ServiceDefinition> load(List<Path> paths) {
        List<Path> existing = paths.stream().filter(Files::exists).toList();
        paths.stream().filter(p -> !Files.exists(p))
                .forEach(p -> LOG.warn("SLO definitions path {} does not exist", p.toAbsolutePath()));
        if (existing.isEmpty()) {
            return List.of();
        }
        try {
            Definitions defs = Definitions.load(existing);
            for (SpecProblem p : defs.result().problems()) {
                if (p.isError()) {
                    LOG.error("{}", p);
                } else {
                    LOG.warn("{}", p);
                }
            }
            return defs.result().definitions();
        } catch (IOException e) {
            LOG.error("cannot read SLO definitions: {}", e.toString());
            return List.of();
        }
    }
}
