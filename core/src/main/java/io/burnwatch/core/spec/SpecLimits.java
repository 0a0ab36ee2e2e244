package io.burnwatch.core.spec;

/**
 * Bounds on what a spec file may ask of the loader, so a hostile or broken file fails fast with a
 * clear message instead of exhausting memory: size, YAML aliases (billion-laughs bombs), nesting.
 */
public record SpecLimits(int maxFileBytes, int maxAliases, int maxNestingDepth, int maxDocuments, int maxNodes) {

    /** 1 MiB per file, 50 aliases, 40 levels of nesting, 1000 documents, 200 000 nodes. */
    public static final SpecLimits DEFAULT = new SpecLimits(1 << 20, 50, 40, 1000, 200_000);
}
