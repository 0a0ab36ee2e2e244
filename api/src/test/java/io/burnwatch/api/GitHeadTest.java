package io.burnwatch.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GitHead} reads the checked-out commit of work trees that the real {@code git} made. */
class GitHeadTest {

    @Test
    void itReadsTheCommitOfABranchPackedRefsADetachedHeadAndAWorktree(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path slos = Files.createDirectories(repo.resolve("deploy/slos"));
        assertThat(GitHead.commitOf(slos)).as("no commit yet").isEmpty();
        String first = commit(repo, "first");
        assertThat(GitHead.commitOf(slos)).as("a loose branch ref, from a folder below the root").hasValue(first);

        git(repo, "pack-refs", "--all");
        assertThat(GitHead.commitOf(repo)).as("a packed ref").hasValue(first);

        String second = commit(repo, "second");
        git(repo, "checkout", "-q", "--detach", first);
        assertThat(GitHead.commitOf(repo)).as("a detached HEAD").hasValue(first);
        git(repo, "checkout", "-q", "main");
        assertThat(GitHead.commitOf(repo)).hasValue(second);

        git(repo, "worktree", "add", "-q", "--detach", dir.resolve("tree").toString(), first);
        assertThat(GitHead.commitOf(dir.resolve("tree/deploy"))).as("a worktree's .git file").hasValue(first);
        assertThat(GitHead.commitOf(dir)).as("outside any work tree").isEmpty();
    }

    /** Commits a change in {@code repo} (made a repository on first use); returns the commit id. */
    static String commit(Path repo, String message) throws Exception {
        if (!Files.exists(repo.resolve(".git"))) {
            git(repo, "init", "-q", "-b", "main");
        }
        Files.writeString(repo.resolve("deploy/" + message + ".txt"), message);
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=Burnwatch Test", "-c", "user.email=test@burnwatch.invalid", "commit", "-q", "-m", message);
        return git(repo, "rev-parse", "HEAD");
    }

    static String git(Path repo, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + out).isZero();
        return out;
    }
}
