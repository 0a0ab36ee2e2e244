package io.burnwatch.core.model;

import java.util.List;

/**
 * One condition a Telegraf point must meet to be a good event, on a field or a tag:
 * {@code result_code == 0}, {@code status_code in [2xx, 3xx]}, {@code result == "success"}.
 *
 * <p>{@code numbers} holds the operands of numeric comparisons (and status ranges for {@code IN}
 * with numbers); {@code strings} those of string comparisons. Exactly one of the two is used.
 */
public record FieldCondition(Subject subject, String key, Op op, List<Double> numbers, StatusCodeSet ranges,
                             List<String> strings) {

    public enum Subject { FIELD, TAG }

    public enum Op {
        EQUALS("equals"), NOT_EQUALS("notEquals"), IN("in"), NOT_IN("notIn"),
        LESS_THAN("lessThan"), AT_MOST("atMost"), GREATER_THAN("greaterThan"), AT_LEAST("atLeast");

        private final String yamlName;

        Op(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public boolean isOrdering() {
            return this == LESS_THAN || this == AT_MOST || this == GREATER_THAN || this == AT_LEAST;
        }
    }

    public FieldCondition {
        numbers = List.copyOf(numbers);
        strings = List.copyOf(strings);
    }

    /** Tests a numeric value (an integer, float or boolean field: true is 1). */
    public boolean testNumber(double value) {
        return switch (op) {
            case EQUALS -> numbers.contains(value);
            case NOT_EQUALS -> !numbers.contains(value);
            case IN -> numbers.contains(value) || (ranges != null && ranges.contains((long) value) && value == Math.rint(value));
            case NOT_IN -> !(numbers.contains(value) || (ranges != null && ranges.contains((long) value) && value == Math.rint(value)));
            case LESS_THAN -> value < numbers.get(0);
            case AT_MOST -> value <= numbers.get(0);
            case GREATER_THAN -> value > numbers.get(0);
            case AT_LEAST -> value >= numbers.get(0);
        };
    }

    /** Tests a string value (a tag or string field). Numbers written as strings compare as numbers. */
    public boolean testString(String value) {
        if (value == null) {
            return op == Op.NOT_EQUALS || op == Op.NOT_IN;
        }
        if (!strings.isEmpty()) {
            boolean member = strings.contains(value);
            return switch (op) {
                case EQUALS, IN -> member;
                case NOT_EQUALS, NOT_IN -> !member;
                default -> false;
            };
        }
        try {
            return testNumber(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return op == Op.NOT_EQUALS || op == Op.NOT_IN;
        }
    }
}
