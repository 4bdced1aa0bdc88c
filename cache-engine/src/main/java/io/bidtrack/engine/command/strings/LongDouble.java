package io.bidtrack.engine.command.strings;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Redis' INCRBYFLOAT computes in C {@code long double} (x87 80-bit on x86-64: a 64-bit
 * significand) and prints with {@code "%.17Lf"}, trailing zeros removed. Java's double would give
 * visibly different results (0.1 + 0.2 = 0.30000000000000004 where Redis prints 0.3), so values are
 * exact {@link BigDecimal}s rounded to 64 significant bits after every step, as the FPU does.
 */
public final class LongDouble {
    private static final int SIGNIFICAND_BITS = 64;
    /** Redis' MAX_LONG_DOUBLE_CHARS: longer inputs and results are rejected. */
    private static final int MAX_CHARS = 5 * 1024;
    /** Largest finite long double is just below 2^16384. */
    private static final int MAX_EXPONENT = 16384;
    /** Below 2^-16445 (the smallest subnormal) everything rounds to zero. */
    private static final int MIN_EXPONENT = -16446;
    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile(
            "[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?[0-9]+)?");
    private static final BigDecimal TWO_TO_63 = new BigDecimal(BigInteger.ONE.shiftLeft(63));

    private LongDouble() {
    }

    /**
     * Parses like Redis' string2ld ({@code strtold}, no leading space, nothing after the number,
     * no NaN). Returns null for an infinity.
     *
     * @throws NumberFormatException if Redis would reject the input
     */
    public static BigDecimal parse(byte[] data, int offset, int length) {
        if (length == 0 || length >= MAX_CHARS) {
            throw new NumberFormatException();
        }
        String text = new String(data, offset, length, StandardCharsets.ISO_8859_1);
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
            return null;
        }
        BigDecimal exact;
        if (HEX.matcher(text).matches()) {
            exact = parseHex(text);
        } else if (unsigned.isEmpty() || !Character.isDigit(unsigned.charAt(0)) && unsigned.charAt(0) != '.'
                || unsigned.startsWith(".e") || unsigned.startsWith(".E") || unsigned.equals(".")) {
            throw new NumberFormatException();
        } else {
            // BigDecimal accepts exactly strtold's decimal forms, apart from the ones excluded above.
            exact = new BigDecimal(text.endsWith(".") ? text + "0" : text);
        }
        BigDecimal rounded = round(exact);
        if (rounded == null) {
            throw new NumberFormatException(); // overflow: strtold's ERANGE with HUGE_VAL
        }
        if (rounded.signum() == 0 && exact.signum() != 0) {
            throw new NumberFormatException(); // underflow: strtold's ERANGE, rejected by Redis
        }
        return rounded;
    }

    /** strtold's hexadecimal form: 0x, hex digits with an optional point, optional binary exponent. */
    private static BigDecimal parseHex(String text) {
        boolean negative = text.charAt(0) == '-';
        String body = text.substring(text.charAt(0) == '-' || text.charAt(0) == '+' ? 3 : 2);
        int p = Math.max(body.indexOf('p'), body.indexOf('P'));
        String digits = p < 0 ? body : body.substring(0, p);
        long exponent = 0;
        if (p >= 0) {
            String e = body.substring(p + 1);
            // Beyond any long double range either way; clamping keeps the arithmetic small.
            exponent = e.replaceFirst("^[+-]", "").length() > 6 ? (e.startsWith("-") ? -20_000 : 20_000)
                    : Long.parseLong(e);
        }
        int point = digits.indexOf('.');
        int fractionDigits = point < 0 ? 0 : digits.length() - point - 1;
        BigInteger mantissa = new BigInteger(digits.replace(".", ""), 16);
        BigDecimal value = new BigDecimal(mantissa).multiply(powerOfTwo((int) exponent - 4 * fractionDigits));
        return negative ? value.negate() : value;
    }

    /** {@code x} rounded to the nearest long double (ties to even), or null if it overflows. */
    public static BigDecimal round(BigDecimal x) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigInteger unscaled = x.unscaledValue().abs();
        // Estimate the binary exponent e so that |x| / 2^e has exactly 64 bits before the point.
        double log2 = unscaled.bitLength() - x.scale() * (Math.log(10) / Math.log(2));
        if (log2 > MAX_EXPONENT + 1) {
            return null;
        }
        if (log2 < MIN_EXPONENT - 1) {
            return BigDecimal.ZERO;
        }
        int e = (int) Math.floor(log2) - SIGNIFICAND_BITS + 1;
        BigInteger significand;
        while (true) {
            BigDecimal scaled = x.abs().multiply(powerOfTwo(-e));
            significand = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            if (scaled.compareTo(TWO_TO_63) < 0) {
                e--;
            } else if (significand.bitLength() > SIGNIFICAND_BITS) {
                e++;
            } else {
                break;
            }
        }
        if (e + SIGNIFICAND_BITS > MAX_EXPONENT) {
            return null;
        }
        BigDecimal value = new BigDecimal(significand).multiply(powerOfTwo(e));
        return x.signum() < 0 ? value.negate() : value;
    }

    /** 2^n as an exact BigDecimal, for any sign of n. */
    private static BigDecimal powerOfTwo(int n) {
        if (n >= 0) {
            return new BigDecimal(BigInteger.ONE.shiftLeft(n));
        }
        return BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-n))); // exact: 5^n / 10^n
    }

    /** {@code "%.17Lf"} without trailing zeros (and "-0" as "0"), or null if Redis' buffer is too small. */
    public static byte[] format(BigDecimal value) {
        if (value == null) {
            return null;
        }
        String text = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (text.length() + 1 > MAX_CHARS) {
            return null;
        }
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        text = text.substring(0, end);
        if (text.equals("-0")) {
            text = "0";
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
