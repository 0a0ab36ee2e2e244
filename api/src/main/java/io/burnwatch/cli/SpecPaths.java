package io.burnwatch.cli;

import io.burnwatch.ingest.registry.Definitions;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code FILE|DIR…} arguments the spec commands share, and loading them. */
final class SpecPaths {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "SLO files, or directories to search for *.yaml")
    List<Path> paths;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** The loaded definitions; empty after saying on stderr which path does not exist (a usage error). */
    Optional<Definitions> load() throws IOException {
        try {
            return Optional.of(Definitions.load(paths));
        } catch (NoSuchFileException e) {
            command.commandLine().getErr().println("burnwatch " + command.name() + ": " + e.getFile()
                    + ": no such file or directory");
            return Optional.empty();
        }
    }
}
