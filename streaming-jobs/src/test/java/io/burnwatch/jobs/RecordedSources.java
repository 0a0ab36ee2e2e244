package io.burnwatch.jobs;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.util.List;
import java.util.Optional;

/** Bounded FLIP-27 sources that replay recorded events and definitions, in order. */
public final class RecordedSources {

    private RecordedSources() {
    }

    public static DataGeneratorSource<SliEvent> events(List<SliEvent> events) {
        return events(events, RateLimiterStrategy.noOp());
    }

    /** Replays at most {@code rate}'s events per second, so a test can stop the job midway. */
    public static DataGeneratorSource<SliEvent> events(List<SliEvent> events, RateLimiterStrategy rate) {
        byte[][] encoded = new byte[events.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = SliEventCodec.encode(events.get(i));
        }
        GeneratorFunction<Long, SliEvent> replay = index -> SliEventCodec.decode(encoded[(int) (long) index]);
        return new DataGeneratorSource<>(replay, encoded.length, rate, Types.SLI_EVENT);
    }

    /**
     * The definitions again and again, {@code perSecond} a second, never ending: re-sending a
     * definition changes nothing, and a source that never finishes lets a test take a savepoint
     * at any moment.
     */
    public static DataGeneratorSource<SloDefinitionUpdate> repeatingDefinitions(String[][] services, double perSecond) {
        String[][] copy = services.clone();
        GeneratorFunction<Long, SloDefinitionUpdate> replay = index -> {
            String[] s = copy[(int) (index % copy.length)];
            return new SloDefinitionUpdate(s[0], Optional.ofNullable(s[1]), "test");
        };
        return new DataGeneratorSource<>(replay, Long.MAX_VALUE, RateLimiterStrategy.perSecond(perSecond),
                Types.DEFINITION_UPDATE);
    }

    /** One service definition per element: {service, yaml}; a null yaml removes the service. */
    public static DataGeneratorSource<SloDefinitionUpdate> definitions(String[][] services) {
        String[][] copy = services.clone();
        GeneratorFunction<Long, SloDefinitionUpdate> replay = index -> {
            String[] s = copy[(int) (long) index];
            return new SloDefinitionUpdate(s[0], Optional.ofNullable(s[1]), "test");
        };
        return new DataGeneratorSource<>(replay, copy.length, Types.DEFINITION_UPDATE);
    }
}
