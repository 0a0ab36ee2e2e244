package io.burnwatch.ingest.lineprotocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Decimal significand and exponent to the correctly rounded {@code double}, without allocating in
 * the common case. The decoder's scanner has already split a float token into {@code w × 10^q}
 * (w the first at most 19 significant digits); this class turns that pair into bits:
 *
 * <ol>
 *   <li>Clinger's fast path: when {@code w ≤ 2^53} and {@code |q| ≤ 22}, both {@code w} and
 *       {@code 10^|q|} are exact doubles and one IEEE multiplication or division rounds correctly
 *       (W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990).</li>
 *   <li>Eisel–Lemire: a 64×128-bit multiplication by a truncated power of ten, which either proves
 *       the rounding or gives up (D. Lemire, "Number Parsing at a Gigabyte per Second", Software:
 *       Practice and Experience 51(8), 2021; the variant Go's strconv uses, described in
 *       N. Tao, "The Eisel-Lemire ParseFloat Algorithm", 2020).</li>
 *   <li>Otherwise the caller falls back to {@link Double#parseDouble} on the token text (more than
 *       19 significant digits, subnormal or overflowing results, the rare undecidable halfway
 *       cases).</li>
 * </ol>
 *
 * Every path returns the value {@code Double.parseDouble} returns for the same text; the property
 * test {@code DecimalDoubleTest} compares them on millions of inputs.
 */
final class DecimalDouble {

    /** Returned when the fast paths cannot decide; never a valid result of a finite decimal. */
    static final double UNDECIDED = Double.NaN;

    static final int MIN_EXP10 = -348;
    static final int MAX_EXP10 = 347;

    private static final double[] EXACT_POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /** High and low 64 bits of 10^q normalised to 128 bits (leading bit set), truncated. */
    private static final long[] POW10_HI = new long[MAX_EXP10 - MIN_EXP10 + 1];
    private static final long[] POW10_LO = new long[MAX_EXP10 - MIN_EXP10 + 1];

    static {
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int q = MIN_EXP10; q <= MAX_EXP10; q++) {
            BigInteger v;
            if (q >= 0) {
                v = BigInteger.TEN.pow(q);
                int n = v.bitLength();
                v = n <= 128 ? v.shiftLeft(128 - n) : v.shiftRight(n - 128);
            } else {
                BigInteger d = BigInteger.TEN.pow(-q);
                v = BigInteger.ONE.shiftLeft(128 + d.bitLength()).divide(d);
                int n = v.bitLength();
                if (n > 128) {
                    v = v.shiftRight(n - 128);
                }
            }
            POW10_LO[q - MIN_EXP10] = v.and(mask).longValue();
            POW10_HI[q - MIN_EXP10] = v.shiftRight(64).longValue();
        }
    }

    private DecimalDouble() {
    }

    /**
     * The double nearest to {@code ±w × 10^q}, or {@link #UNDECIDED}.
     *
     * @param w an exact unsigned significand (at most 19 decimal digits)
     */
    static double toDouble(long w, int q, boolean negative) {
        if (w == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (w > 0 && w <= (1L << 53) && q >= -22 && q <= 22) {
            double d = (double) w;
            d = q >= 0 ? d * EXACT_POWERS[q] : d / EXACT_POWERS[-q];
            return negative ? -d : d;
        }
        return eiselLemire(w, q, negative);
    }

    /** The Eisel–Lemire step of {@link #toDouble}; {@link #UNDECIDED} when it cannot prove the rounding. */
    static double eiselLemire(long w, int q, boolean negative) {
        if (q < MIN_EXP10 || q > MAX_EXP10) {
            return UNDECIDED;
        }
        int clz = Long.numberOfLeadingZeros(w);
        long man = w << clz;
        // 217706 / 2^16 ≈ log2(10): the binary exponent of 10^q, biased by 1023 and the 64-bit shift
        long retExp2 = ((217706L * q) >> 16) + 64 + 1023 - clz;
        int row = q - MIN_EXP10;
        long xHi = unsignedMultiplyHigh(man, POW10_HI[row]);
        long xLo = man * POW10_HI[row];
        if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
            // within 1/512 of a rounding boundary: take the low half of the power into account
            long yHi = unsignedMultiplyHigh(man, POW10_LO[row]);
            long yLo = man * POW10_LO[row];
            long mergedHi = xHi;
            long mergedLo = xLo + yHi;
            if (Long.compareUnsigned(mergedLo, xLo) < 0) {
                mergedHi++;
            }
            if ((mergedHi & 0x1FF) == 0x1FF && mergedLo == -1L && Long.compareUnsigned(yLo + man, man) < 0) {
                return UNDECIDED;
            }
            xHi = mergedHi;
            xLo = mergedLo;
        }
        long msb = xHi >>> 63;
        long mantissa = xHi >>> (msb + 9);
        retExp2 -= 1 ^ msb;
        if (xLo == 0 && (xHi & 0x1FF) == 0 && (mantissa & 3) == 1) {
            return UNDECIDED; // exactly halfway: round-half-even needs the discarded digits
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if ((mantissa >>> 53) > 0) {
            mantissa >>>= 1;
            retExp2++;
        }
        if (retExp2 <= 0 || retExp2 >= 0x7FF) {
            return UNDECIDED; // subnormal or infinite: left to the exact parser
        }
        long bits = retExp2 << 52 | (mantissa & 0x000F_FFFF_FFFF_FFFFL);
        if (negative) {
            bits |= Long.MIN_VALUE;
        }
        return Double.longBitsToDouble(bits);
    }

    /** The exact parse of a token the decoder has already checked against the decimal grammar. */
    static double parseSlow(byte[] buf, int offset, int length) {
        return Double.parseDouble(new String(buf, offset, length, StandardCharsets.ISO_8859_1));
    }

    /** High 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh arrives in Java 18). */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
