package io.burnwatch.api;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.spec.SpecProblem;
import io.burnwatch.ingest.config.IngestConfig;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.burnwatch.ingest.registry.Definitions;
import io.burnwatch.ingest.registry.SpecFiles;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The SLO registry: watches the configured directories (checkouts of the services' repos) and
 * takes every change that loads cleanly. A change with an error is rejected — its problems logged
 * and kept for {@code GET /api/v1/registry} — and the last good definitions stay active. An accepted
 * change goes to the matchers of ingest and to everybody registered with {@link #onChange} (the
 * embedded job), and is recorded: which services were added, changed or removed, when, and which
 * files changed. Polls every {@code burnwatch.registry.poll-interval} (5 s): a checksum of every
 * file, and the definitions are loaded again only when one changed.
 */
@Singleton
public final class SloRegistry {

    /**
     * One change of the files, accepted or rejected; {@code commits} is the checked-out commit of
     * every watched directory that is in a Git work tree (directory → commit id).
     */
    public record Change(Instant at, boolean accepted, List<String> added, List<String> changed, List<String> removed,
                         List<String> files, List<String> problems, Map<String, String> commits) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SloRegistry.class);
    private static final int KEPT_CHANGES = 100;

    private final CurrentSlos current;
    private final List<Path> directories;
    private final List<Consumer<List<ServiceDefinition>>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<Change> changes = new ArrayDeque<>();
    private Map<String, String> files;

    public SloRegistry(CurrentSlos current, IngestConfig config) {
        this.current = current;
        this.directories = List.copyOf(config.sloDirectories());
        this.files = fingerprints();
    }

    public void onChange(Consumer<List<ServiceDefinition>> listener) {
        listeners.add(listener);
    }

    @Scheduled(fixedDelay = "${burnwatch.registry.poll-interval:5s}", initialDelay = "${burnwatch.registry.poll-interval:5s}")
    void poll() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.error("SLO registry: checking {} failed: {}", directories, e.toString());
        }
    }

    /** Looks at the files now; returns the change, if the files changed. */
    public synchronized Optional<Change> check() {
        Map<String, String> now = fingerprints();
        if (now.equals(files)) {
            return Optional.empty();
        }
        List<String> changedFiles = new ArrayList<>();
        now.forEach((f, print) -> {
            if (!print.equals(files.get(f))) {
                changedFiles.add(f);
            }
        });
        files.keySet().stream().filter(f -> !now.containsKey(f)).forEach(changedFiles::add);
        files = now;
        Definitions loaded;
        try {
            loaded = Definitions.load(directories.stream().filter(Files::exists).toList());
        } catch (IOException e) {
            return Optional.of(record(new Change(Instant.now(), false, List.of(), List.of(), List.of(), changedFiles,
                    List.of("cannot read: " + e.getMessage()), commits())));
        }
        if (loaded.result().hasErrors()) {
            List<String> problems = loaded.result().errors().stream().map(SpecProblem::toString).toList();
            problems.forEach(p -> LOG.error("SLO registry: change rejected, the last good definitions stay: {}", p));
            return Optional.of(record(new Change(Instant.now(), false, List.of(), List.of(), List.of(), changedFiles,
                    problems, commits())));
        }
        Map<String, ServiceDefinition> before = byName(current.matchers().services());
        Map<String, ServiceDefinition> after = byName(loaded.result().definitions());
        List<String> added = after.keySet().stream().filter(s -> !before.containsKey(s)).toList();
        List<String> removed = before.keySet().stream().filter(s -> !after.containsKey(s)).toList();
        List<String> changed = after.keySet().stream()
                .filter(s -> before.containsKey(s) && !before.get(s).equals(after.get(s))).toList();
        Change change = new Change(Instant.now(), true, added, changed, removed, changedFiles, List.of(), commits());
        if (!added.isEmpty() || !removed.isEmpty() || !changed.isEmpty()) {
            List<ServiceDefinition> services = List.copyOf(after.values());
            current.update(services);
            listeners.forEach(l -> l.accept(services));
            LOG.info("SLO registry: change accepted: added {}, changed {}, removed {} (files {}{})", added, changed, removed,
                    changedFiles, change.commits().isEmpty() ? "" : ", commits " + change.commits());
        }
        return Optional.of(record(change));
    }

    /** The recorded changes, newest first. */
    public synchronized List<Change> changes() {
        List<Change> list = new ArrayList<>(changes);
        java.util.Collections.reverse(list);
        return list;
    }

    public List<Path> directories() {
        return directories;
    }

    private Change record(Change change) {
        changes.addLast(change);
        while (changes.size() > KEPT_CHANGES) {
            changes.removeFirst();
        }
        return change;
    }

    private static Map<String, ServiceDefinition> byName(List<ServiceDefinition> services) {
        Map<String, ServiceDefinition> map = new LinkedHashMap<>();
        services.forEach(s -> map.put(s.name(), s));
        return map;
    }

    /** The checked-out commit of each directory that lies in a Git work tree. */
    private Map<String, String> commits() {
        Map<String, String> commits = new TreeMap<>();
        for (Path dir : directories) {
            GitHead.commitOf(dir).ifPresent(c -> commits.put(dir.toString(), c));
        }
        return commits;
    }

    /** Every SLO file of the directories (as the loader finds them) with its size and a checksum of its content. */
    private Map<String, String> fingerprints() {
        Map<String, String> prints = new TreeMap<>();
        List<Path> files;
        try {
            files = SpecFiles.files(directories.stream().filter(Files::exists).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path f : files) {
            try {
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(Files.readAllBytes(f));
                prints.put(f.toString(), Files.size(f) + ":" + Long.toHexString(crc.getValue()));
            } catch (IOException e) {
                prints.put(f.toString(), "unreadable");
            }
        }
        return prints;
    }
}
