package io.burnwatch.embedded;

import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.util.Optional;

/** SLO definitions as a FLIP-27 source (streaming-jobs' {@code RecordedSources.repeatingDefinitions}). */
final class RecordedDefinitions {

    private RecordedDefinitions() {
    }

    /**
     * The definitions {service, yaml} again and again, {@code perSecond} a second, never ending:
     * re-sending a definition changes nothing, and a source that never finishes lets a test take
     * a savepoint at any moment (a task finishing while a savepoint is triggered fails it).
     */
    static DataGeneratorSource<SloDefinitionUpdate> repeating(String[][] services, double perSecond) {
        String[][] copy = services.clone();
        GeneratorFunction<Long, SloDefinitionUpdate> replay = index -> {
            String[] s = copy[(int) (index % copy.length)];
            return new SloDefinitionUpdate(s[0], Optional.ofNullable(s[1]), "test");
        };
        return new DataGeneratorSource<>(replay, Long.MAX_VALUE, RateLimiterStrategy.perSecond(perSecond),
                Types.DEFINITION_UPDATE);
    }
}
