package io.burnwatch.core.spec;

import org.yaml.snakeyaml.nodes.Node;

/** One {@code openslo/v1} object (Service, SLO, SLI, AlertPolicy…) and the problems sink of its file. */
record OpenSloObject(String kind, String name, Node node, Problems problems) {
}
