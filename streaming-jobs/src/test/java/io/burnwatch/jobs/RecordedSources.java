package io.burnwatch.jobs;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.util.List;
import java.util.Optional;

/** Bounded FLIP-27 sources that replay recorded events and definitions, in order. */
final class RecordedSources {

    private RecordedSources() {
    }

    static DataGeneratorSource<SliEvent> events(List<SliEvent> events) {
        byte[][] encoded = new byte[events.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = SliEventCodec.encode(events.get(i));
        }
        GeneratorFunction<Long, SliEvent> replay = index -> SliEventCodec.decode(encoded[(int) (long) index]);
        return new DataGeneratorSource<>(replay, encoded.length, Types.SLI_EVENT);
    }

    /** One service definition per element: {service, yaml}; a null yaml removes the service. */
    static DataGeneratorSource<SloDefinitionUpdate> definitions(String[][] services) {
        String[][] copy = services.clone();
        GeneratorFunction<Long, SloDefinitionUpdate> replay = index -> {
            String[] s = copy[(int) (long) index];
            return new SloDefinitionUpdate(s[0], Optional.ofNullable(s[1]), "test");
        };
        return new DataGeneratorSource<>(replay, copy.length, Types.DEFINITION_UPDATE);
    }
}
