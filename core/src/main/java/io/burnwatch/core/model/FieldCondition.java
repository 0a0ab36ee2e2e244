package io.burnwatch.core.model;

import java.util.List;

/**
 * One condition a Telegraf point must meet to be a good event, on a field or a tag:
 * {@code result_code == 0}, {@code status_code in [2xx, 3xx]}, {@code result == "success"}.
 *
 * <p>{@code numbers} and {@code ranges} (status sets like {@code 2xx}) hold the operands of numeric
 * comparisons, {@code strings} those of string comparisons; a condition uses numbers and ranges or
 * strings, never both.
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
        if (!strings.isEmpty() && !(numbers.isEmpty() && ranges.ranges().isEmpty())) {
            throw new IllegalArgumentException("a condition compares numbers or strings, not both");
        }
    }

    /** Tests a numeric value (an integer, float or boolean field: true is 1). */
    public boolean testNumber(double value) {
        return switch (op) {
            case EQUALS -> numbers.contains(value);
            case NOT_EQUALS -> !numbers.contains(value);
            case IN -> member(value);
            case NOT_IN -> !member(value);
            case LESS_THAN -> value < numbers.get(0);
            case AT_MOST -> value <= numbers.get(0);
            case GREATER_THAN -> value > numbers.get(0);
            case AT_LEAST -> value >= numbers.get(0);
        };
    }

    private boolean member(double value) {
        return numbers.contains(value) || (value == Math.rint(value) && ranges.contains((long) value));
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
