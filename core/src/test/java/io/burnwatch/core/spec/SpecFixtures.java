package io.burnwatch.core.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds files of the repository and of ../shared from tests, wherever Maven runs them. */
public final class SpecFixtures {

    private SpecFixtures() {
    }

    /** The repository root: the nearest folder up from the working directory that holds slo-definitions/. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("slo-definitions"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (slo-definitions/) above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** ../shared/conformance beside the repository. */
    public static Path conformance() {
        return repoRoot().getParent().resolve("shared/conformance");
    }

    public static SpecDocument read(Path file, String name) {
        try {
            return new SpecDocument(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoadResult load(String name, String yaml) {
        return new SpecLoader().load(List.of(new SpecDocument(name, yaml)));
    }
}
