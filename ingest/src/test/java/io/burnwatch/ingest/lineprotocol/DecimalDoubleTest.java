package io.burnwatch.ingest.lineprotocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder's float conversion against {@link Double#parseDouble} (correctly rounded by its
 * specification): bit for bit, on random and on hard inputs. The budget is
 * {@code -Dbw.lineprotocol.floatCases=N} (default 200 000; the fuzz profile runs 5 000 000).
 */
class DecimalDoubleTest {

    static final int CASES = Integer.getInteger("bw.lineprotocol.floatCases", 200_000);

    @Test
    void randomSignificandsAndExponentsConvertExactly() {
        SplittableRandom random = new SplittableRandom(20261201);
        for (int n = 0; n < CASES; n++) {
            int digits = 1 + random.nextInt(19);
            long w = random.nextLong(1, digits == 19 ? Long.MAX_VALUE : pow10(digits));
            if (random.nextInt(4) == 0) {
                w = Long.MIN_VALUE + random.nextLong(1L << 62); // unsigned values above 2^63
            }
            int q = random.nextInt(4) == 0 ? random.nextInt(-30, 31) : random.nextInt(-360, 330);
            String text = Long.toUnsignedString(w) + "e" + q;
            double expected = Double.parseDouble(text);
            double fast = DecimalDouble.toDouble(w, q, false);
            if (!Double.isNaN(fast)) {
                assertThat(Double.doubleToRawLongBits(fast)).as(text).isEqualTo(Double.doubleToRawLongBits(expected));
            }
        }
    }

    @Test
    void randomDoublesRoundTripThroughTheirShortestAndExactForms() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < CASES; n++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            assertThat(decode(Double.toString(d))).as(Double.toString(d)).isEqualTo(d);
            if (n % 16 == 0) {
                String exact = new BigDecimal(d).toString();
                assertThat(decode(exact)).as(exact).isEqualTo(d);
            }
        }
    }

    @Test
    void randomDecimalTextsDecodeAsParseDoubleReadsThem() {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder s = new StringBuilder();
        for (int n = 0; n < CASES; n++) {
            s.setLength(0);
            if (random.nextBoolean()) {
                s.append('-');
            }
            int intDigits = random.nextInt(0, 22);
            for (int i = 0; i < intDigits; i++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            int fracDigits = random.nextInt(intDigits == 0 ? 1 : 0, 22);
            if (fracDigits > 0 || random.nextBoolean()) {
                s.append('.');
            }
            for (int i = 0; i < fracDigits; i++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                s.append(random.nextBoolean() ? 'e' : 'E');
                int r = random.nextInt(3);
                s.append(r == 0 ? "" : r == 1 ? "+" : "-");
                s.append(random.nextInt(0, 330));
            }
            String text = s.toString();
            double expected = Double.parseDouble(text);
            if (Double.isInfinite(expected)) {
                continue;
            }
            assertThat(decode(text)).as(text).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308",
        "9007199254740993", "9007199254740992.5", "9007199254740993.000000000000000000001",
        "0.1", "0.3", "123456789012345678901234567890", "1e22", "1e23", "8.41e21", "5e-324",
        "7.038531e-26", "0.000000000000000000000000000000000001", "4.35679719e-310",
        "1448997445238699", "2.2250738585072014E-308",
        "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "1.797693134862315807e308",
    })
    void hardCasesConvertExactly(String text) {
        assertThat(decode(text)).isEqualTo(Double.parseDouble(text));
        assertThat(decode("-" + text)).isEqualTo(-Double.parseDouble(text));
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertThat(Double.doubleToRawLongBits(decode("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(decode("-0.0e5"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(decode("0e-999999"))).isEqualTo(0L);
    }

    @Test
    void unsignedIntegersConvertToTheNearestDouble() {
        assertThat(PointView.unsignedToDouble(-1L)).isEqualTo(1.8446744073709552E19);
        assertThat(PointView.unsignedToDouble(Long.MIN_VALUE)).isEqualTo(9.223372036854775808E18);
        assertThat(PointView.unsignedToDouble(Long.MIN_VALUE + 1025)).isEqualTo(9.223372036854777856E18);
        assertThat(PointView.unsignedToDouble(42)).isEqualTo(42.0);
    }

    /** The value the whole decoder reads for a float field written as {@code text}. */
    private static double decode(String text) {
        double[] out = new double[1];
        DecodeResult r = new LineProtocolDecoder().decode(("m v=" + text).getBytes(StandardCharsets.US_ASCII),
                Precision.NANOSECONDS, 0, v -> out[0] = v.doubleValue(0));
        assertThat(r.errors()).as(text).isEmpty();
        assertThat(r.points()).isEqualTo(1);
        return out[0];
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
