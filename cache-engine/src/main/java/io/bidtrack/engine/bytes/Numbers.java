package io.bidtrack.engine.bytes;

import java.nio.charset.StandardCharsets;

/**
 * Integer parsing and formatting on raw bytes, with Redis' exact acceptance rules.
 *
 * <p>Redis' {@code string2ll} is stricter than {@link Long#parseLong}: no leading '+', no leading
 * zeros, no "-0", no spaces. Clients notice the difference (e.g. {@code INCR} on "01" is an error),
 * so the engine mirrors it instead of using the JDK parser.
 */
public final class Numbers {
    /** (2^64 - 1) / 10, as an unsigned value: the largest cursor that can take one more digit. */
    private static final long MAX_UNSIGNED_DIV_10 = Long.divideUnsigned(-1L, 10);

    private Numbers() {
    }

    /** Thrown (without a stack trace) when bytes are not a valid integer; callers map it to a reply. */
    public static final class NotANumber extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public static final NotANumber INSTANCE = new NotANumber();

        private NotANumber() {
            super("not an integer", null, false, false);
        }
    }

    /** Parses a signed 64-bit integer with Redis' {@code string2ll} rules. */
    public static long parseLong(byte[] b, int off, int len) {
        if (len == 0 || len > 20) {
            throw NotANumber.INSTANCE;
        }
        if (len == 1 && b[off] == '0') {
            return 0;
        }
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
            if (i == end) {
                throw NotANumber.INSTANCE;
            }
        }
        if (b[i] < '1' || b[i] > '9') {
            throw NotANumber.INSTANCE;
        }
        // Accumulate as a negative number: its range is one larger, so Long.MIN_VALUE parses too.
        long value = 0;
        for (; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                throw NotANumber.INSTANCE;
            }
            if (value < Long.MIN_VALUE / 10) {
                throw NotANumber.INSTANCE;
            }
            value *= 10;
            if (value < Long.MIN_VALUE + digit) {
                throw NotANumber.INSTANCE;
            }
            value -= digit;
        }
        if (negative) {
            return value;
        }
        if (value == Long.MIN_VALUE) {
            throw NotANumber.INSTANCE;
        }
        return -value;
    }

    /**
     * Parses like C's {@code strtoul} as Redis uses it for SCAN cursors: optional sign, decimal
     * digits, leading zeros allowed, an empty string is 0, a '-' wraps around (unsigned 64-bit).
     * Returns the cursor as an unsigned long.
     */
    public static long parseUnsignedCursor(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        if (len > 0 && isSpace(b[i])) {
            throw NotANumber.INSTANCE;
        }
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        long value = 0;
        boolean anyDigit = false;
        for (; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                throw NotANumber.INSTANCE;
            }
            anyDigit = true;
            // Past 2^64 - 1 strtoul reports ERANGE, which Redis turns into "invalid cursor".
            if (Long.compareUnsigned(value, MAX_UNSIGNED_DIV_10) > 0
                    || (value == MAX_UNSIGNED_DIV_10 && digit > 5)) {
                throw NotANumber.INSTANCE;
            }
            value = value * 10 + digit;
        }
        if (!anyDigit && i > off) {
            // strtoul("+") consumes nothing, so the sign is left over: not a valid cursor.
            throw NotANumber.INSTANCE;
        }
        return negative ? -value : value;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Number of bytes {@link #writeLong} produces for {@code v}. */
    public static int decimalLength(long v) {
        if (v < 0) {
            return v == Long.MIN_VALUE ? 20 : 1 + decimalLength(-v);
        }
        int n = 1;
        long limit = 10;
        while (n < 19 && v >= limit) {
            n++;
            limit *= 10;
        }
        return n;
    }

    /** Writes the decimal form of {@code v} into {@code dst} at {@code off}; returns the length. */
    public static int writeLong(long v, byte[] dst, int off) {
        int len = decimalLength(v);
        int pos = off + len;
        if (v == Long.MIN_VALUE) {
            byte[] min = "-9223372036854775808".getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(min, 0, dst, off, min.length);
            return min.length;
        }
        boolean negative = v < 0;
        long rest = negative ? -v : v;
        do {
            dst[--pos] = (byte) ('0' + (rest % 10));
            rest /= 10;
        } while (rest != 0);
        if (negative) {
            dst[--pos] = '-';
        }
        return len;
    }

    /** The decimal form of {@code v} as a new array (how Redis stores the result of INCR). */
    public static byte[] toBytes(long v) {
        byte[] out = new byte[decimalLength(v)];
        writeLong(v, out, 0);
        return out;
    }
}
