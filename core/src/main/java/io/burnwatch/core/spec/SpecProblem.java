package io.burnwatch.core.spec;

/**
 * One thing wrong (or suspicious) in an SLO file, with its place: {@code file:line:column}, both
 * 1-based, as editors and CI annotations expect.
 */
public record SpecProblem(String file, int line, int column, Level level, String message) {

    public enum Level {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    /** {@code slo-definitions/checkout.yaml:12:7: error: unknown key 'objectve' …}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + level.label() + ": " + message;
    }
}
