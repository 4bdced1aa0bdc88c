package io.bidtrack.engine.command.sortedsets;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Scores as Redis 7.0 reads and prints them: C's {@code strtod} rules for input (inf, hex, no
 * spaces, overflow rejected) and {@code %.17g} for output, so 0.1 prints as 0.10000000000000001.
 */
final class Scores {
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private Scores() {
    }

    /** Thrown without a stack trace when bytes are not a float; callers pick the message. */
    static final class NotAFloat extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotAFloat INSTANCE = new NotAFloat();

        private NotAFloat() {
            super("not a float", null, false, false);
        }
    }

    /** Parses like Redis' getDoubleFromObject: strict strtod, no NaN, no overflow or underflow to 0. */
    static double parse(byte[] b, int off, int len) {
        double value = strtod(new String(b, off, len, StandardCharsets.ISO_8859_1), false);
        if (Double.isNaN(value)) {
            throw NotAFloat.INSTANCE;
        }
        return value;
    }

    /**
     * Parses a range bound as zslParseRange does: plain strtod, so an empty string is 0 and an
     * overflowing number is infinity.
     */
    static double parseBound(String text) {
        double value = strtod(text, true);
        if (Double.isNaN(value)) {
            throw NotAFloat.INSTANCE;
        }
        return value;
    }

    private static double strtod(String s, boolean lenient) {
        if (s.isEmpty()) {
            if (lenient) {
                return 0;
            }
            throw NotAFloat.INSTANCE;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double magnitude;
        if (lower.startsWith("0x")) {
            magnitude = hex(lower.substring(2));
        } else {
            magnitude = decimal(body);
        }
        if (!lenient && (Double.isInfinite(magnitude) || (magnitude == 0 && hasNonZeroDigit(body)))) {
            throw NotAFloat.INSTANCE; // strtod's ERANGE, which Redis rejects
        }
        return negative ? -magnitude : magnitude;
    }

    private static double decimal(String body) {
        int i = 0;
        int n = body.length();
        int digits = 0;
        while (i < n && isDigit(body.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && body.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(body.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            throw NotAFloat.INSTANCE;
        }
        if (i < n && (body.charAt(i) == 'e' || body.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (body.charAt(j) == '+' || body.charAt(j) == '-')) {
                j++;
            }
            int expStart = j;
            while (j < n && isDigit(body.charAt(j))) {
                j++;
            }
            if (j > expStart) {
                i = j;
            }
        }
        if (i != n) {
            throw NotAFloat.INSTANCE;
        }
        return Double.parseDouble(body);
    }

    private static double hex(String digits) {
        if (digits.isEmpty() || !digits.matches("[0-9a-f]*(\\.[0-9a-f]*)?(p[+-]?[0-9]+)?") || digits.startsWith(".")
                && digits.length() == 1) {
            throw NotAFloat.INSTANCE;
        }
        return Double.parseDouble("0x" + (digits.contains("p") ? digits : digits + "p0"));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E' || c == 'p') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** {@code %.17g}, with "inf"/"-inf" as Redis writes them. */
    static String format(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return (d == 0 && 1 / d < 0) ? "-0" : Long.toString((long) d);
        }
        BigDecimal rounded = new BigDecimal(d).round(SEVENTEEN_DIGITS).stripTrailingZeros();
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = rounded.precision() - rounded.scale() - 1;
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 17) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            out.append(abs < 10 ? "0" : "").append(abs);
        } else if (exponent < 0) {
            out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits).append("0".repeat(exponent + 1 - digits.length()));
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return out.toString();
    }

    static byte[] formatBytes(double d) {
        return format(d).getBytes(StandardCharsets.ISO_8859_1);
    }
}
