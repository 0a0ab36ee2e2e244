package io.burnwatch.ingest.registry;

import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecLimits;
import io.burnwatch.core.spec.SpecLoader;
import io.burnwatch.core.spec.SpecProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and loads SLO files in one step: what the commands (and later the registry) start from. */
public record Definitions(LoadResult result, int fileCount) {

    public static Definitions load(List<Path> paths) throws IOException {
        SpecFiles.Read read = SpecFiles.read(paths, SpecLimits.DEFAULT);
        LoadResult loaded = new SpecLoader(SpecLimits.DEFAULT).load(read.documents());
        List<SpecProblem> problems = new ArrayList<>(read.problems());
        problems.addAll(loaded.problems());
        return new Definitions(new LoadResult(loaded.services(), problems), read.fileCount());
    }
}
