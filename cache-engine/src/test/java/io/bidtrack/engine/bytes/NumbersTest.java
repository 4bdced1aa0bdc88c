package io.bidtrack.engine.bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void parsesLikeRedisString2ll() {
        assertEquals(0, parse("0"));
        assertEquals(-1, parse("-1"));
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
        for (String invalid : List.of("", "-", "+1", "01", "-0", " 1", "1 ", "1.5", "9223372036854775808",
                "-9223372036854775809", "123456789012345678901", "abc")) {
            assertThrows(Numbers.NotANumber.class, () -> parse(invalid), invalid);
        }
    }

    @Test
    void formatsEveryMagnitude() {
        for (long v : new long[] {0, 7, -7, 10, 99, 100, -100, 1_000_000_007L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertArrayEquals(Long.toString(v).getBytes(StandardCharsets.US_ASCII), Numbers.toBytes(v));
        }
    }

    @Test
    void cursorsParseLikeStrtoul() {
        assertEquals(0, cursor(""));
        assertEquals(5, cursor("+5"));
        assertEquals(-1L, cursor("-1"));
        assertEquals(-1L, cursor("18446744073709551615"));
        assertEquals(42, cursor("0042"));
        for (String invalid : List.of("18446744073709551616", "+", "-", " 1", "1x")) {
            assertThrows(Numbers.NotANumber.class, () -> cursor(invalid), invalid);
        }
    }

    private static long parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Numbers.parseLong(b, 0, b.length);
    }

    private static long cursor(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Numbers.parseUnsignedCursor(b, 0, b.length);
    }
}
