package io.burnwatch.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit a Git work tree has checked out, read from its {@code .git} as Git lays it out
 * ({@code HEAD}, loose refs, {@code packed-refs}, and the {@code gitdir:} file of worktrees and
 * submodules), so the registry can say which commit a change came from without running
 * {@code git}. Anything it cannot read is "not known", never an error.
 */
final class GitHead {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
    private static final int MAX_FILE = 1 << 20;

    private GitHead() {
    }

    /** The commit id checked out in the work tree holding {@code directory}, if it is in one. */
    static Optional<String> commitOf(Path directory) {
        try {
            for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path dotGit = dir.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return head(dotGit, dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String link = read(dotGit);
                    if (!link.startsWith("gitdir:")) {
                        return Optional.empty();
                    }
                    Path gitDir = dir.resolve(link.substring("gitdir:".length()).trim()).normalize();
                    Path common = Files.isRegularFile(gitDir.resolve("commondir"))
                            ? gitDir.resolve(read(gitDir.resolve("commondir"))).normalize() : gitDir;
                    return head(gitDir, common);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> head(Path gitDir, Path commonDir) throws IOException {
        String head = read(gitDir.resolve("HEAD"));
        if (SHA.matcher(head).matches()) {
            return Optional.of(head); // a detached HEAD, as CI checkouts have
        }
        if (!head.startsWith("ref:")) {
            return Optional.empty();
        }
        String ref = head.substring("ref:".length()).trim();
        for (Path dir : new Path[] {gitDir, commonDir}) {
            Path loose = dir.resolve(ref).normalize();
            if (loose.startsWith(dir) && Files.isRegularFile(loose)) {
                String id = read(loose);
                return SHA.matcher(id).matches() ? Optional.of(id) : Optional.empty();
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : read(packed).split("\n")) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(space + 1).trim().equals(ref) && SHA.matcher(line.substring(0, space)).matches()) {
                    return Optional.of(line.substring(0, space));
                }
            }
        }
        return Optional.empty(); // a branch without commits yet
    }

    private static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE) {
            throw new IOException(file + " is too large for a Git ref file");
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
    }
}
