package io.burnwatch.core.spec;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file, every one of them, each at its node's position. */
final class Problems {

    private final String file;
    private final List<SpecProblem> problems;

    Problems(String file, List<SpecProblem> sink) {
        this.file = file;
        this.problems = sink;
    }

    Problems(String file) {
        this(file, new ArrayList<>());
    }

    String file() {
        return file;
    }

    void error(Node at, String message) {
        add(at, SpecProblem.Level.ERROR, message);
    }

    void warning(Node at, String message) {
        add(at, SpecProblem.Level.WARNING, message);
    }

    void error(Mark at, String message) {
        int line = at == null ? 1 : at.getLine() + 1;
        int column = at == null ? 1 : at.getColumn() + 1;
        problems.add(new SpecProblem(file, line, column, SpecProblem.Level.ERROR, message));
    }

    void errorAtStart(String message) {
        problems.add(new SpecProblem(file, 1, 1, SpecProblem.Level.ERROR, message));
    }

    private void add(Node at, SpecProblem.Level level, String message) {
        Mark mark = at == null ? null : at.getStartMark();
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        problems.add(new SpecProblem(file, line, column, level, message));
    }

    List<SpecProblem> list() {
        return problems;
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(SpecProblem::isError);
    }

    long errorCount() {
        return problems.stream().filter(SpecProblem::isError).count();
    }
}
