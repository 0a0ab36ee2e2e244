package io.burnwatch.dashboards;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The sample services of slo-definitions/, as the registry loads them (its *.yaml, sorted). */
final class SampleServices {

    static final Path DEFINITIONS = Path.of("../slo-definitions");

    private SampleServices() {
    }

    static List<ServiceDefinition> load() {
        List<SpecDocument> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEFINITIONS)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                docs.add(new SpecDocument(f.toString(), Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoadResult result = new SpecLoader().load(docs);
        if (result.hasErrors()) {
            throw new IllegalStateException("the sample definitions have errors: " + result.errors());
        }
        return result.definitions();
    }
}
