package io.burnwatch.cli;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.NativeSpecWriter;
import io.burnwatch.ingest.registry.Definitions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code burnwatch convert FILE|DIR…}: reads SLO files in any supported format (OpenSLO v1 too) and
 * writes each service as a {@code burnwatch/v1} document, to standard output or one file per service
 * with {@code --out DIR}. Files with errors are not converted (exit 1).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert SLO files (e.g. openslo/v1) to burnwatch/v1, one document per service.")
final class ConvertCommand implements Callable<Integer> {

    @CommandLine.Mixin
    SpecPaths specPaths;

    @Option(names = "--out", paramLabel = "DIR", description = "write <service>.yaml files into DIR instead of printing")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Definitions> loaded = specPaths.load();
        if (loaded.isEmpty()) {
            return BurnwatchCommand.USAGE;
        }
        Definitions defs = loaded.get();
        LoadResult result = defs.result();
        result.problems().forEach(err::println);
        if (result.hasErrors()) {
            err.println("burnwatch convert: not converted: fix the errors above first");
            err.flush();
            return BurnwatchCommand.INVALID;
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        boolean first = true;
        for (ServiceDefinition service : result.definitions()) {
            if (service.slos().isEmpty()) {
                err.println("warning: service '" + service.name() + "' has no SLOs; burnwatch/v1 needs at least one,"
                        + " so it is not written");
                continue;
            }
            NativeSpecWriter.Written written = NativeSpecWriter.write(service);
            written.warnings().forEach(w -> err.println("warning: " + w));
            if (out != null) {
                Path file = out.resolve(service.name() + ".yaml");
                Files.writeString(file, written.yaml(), StandardCharsets.UTF_8);
                err.println("wrote " + file);
            } else {
                stdout.print(first ? "" : "---\n");
                stdout.print(written.yaml());
                first = false;
            }
        }
        stdout.flush();
        err.flush();
        return BurnwatchCommand.OK;
    }
}
