package io.burnwatch.ingest.registry;

import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLimits;
import io.burnwatch.core.spec.SpecProblem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and reads SLO files: a directory means every {@code *.yaml}/{@code *.yml} below it (hidden
 * folders skipped), a file means itself. Files over the size limit or not UTF-8 become problems,
 * not exceptions, so one bad file never hides the others.
 */
public final class SpecFiles {

    /** The documents read and the problems of files that could not be read. */
    public record Read(List<SpecDocument> documents, List<SpecProblem> problems, int fileCount) {
    }

    private SpecFiles() {
    }

    /** @throws NoSuchFileException when a given path does not exist (a usage error) */
    public static Read read(List<Path> paths, SpecLimits limits) throws IOException {
        List<Path> files = files(paths);
        List<SpecDocument> documents = new ArrayList<>();
        List<SpecProblem> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.toString();
            long size = Files.size(f);
            if (size > limits.maxFileBytes()) {
                problems.add(new SpecProblem(name, 1, 1, SpecProblem.Level.ERROR, "file is " + size
                        + " bytes, more than the limit of " + limits.maxFileBytes() + " bytes for one SLO file"));
                continue;
            }
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Files.readAllBytes(f))).toString();
                documents.add(new SpecDocument(name, text));
            } catch (CharacterCodingException e) {
                problems.add(new SpecProblem(name, 1, 1, SpecProblem.Level.ERROR, "file is not UTF-8 text"));
            }
        }
        return new Read(documents, problems, files.size());
    }

    /**
     * The SLO files {@link #read} reads of {@code paths}, sorted: a directory's {@code *.yaml} and
     * {@code *.yml} below it, outside hidden folders (such as {@code .git}); a file itself.
     *
     * @throws NoSuchFileException when a given path does not exist
     */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString(), null, "no such file or directory");
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !isHidden(p, f))
                            .filter(f -> f.getFileName().toString().endsWith(".yaml")
                                    || f.getFileName().toString().endsWith(".yml"))
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    private static boolean isHidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
