package io.burnwatch.core.spec;

import org.yaml.snakeyaml.nodes.Node;

/** A place in a spec file, 1-based. */
public record SpecLocation(String file, int line, int column) {

    static SpecLocation of(String file, Node node) {
        return new SpecLocation(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
