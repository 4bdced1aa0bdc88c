package io.bidtrack.engine.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    private static final String PIPELINE = "*3\r\n$3\r\nSET\r\n$3\r\nbid\r\n$6\r\nv\r\n\0\u00ff!\r\n"
            + "PING\r\n*0\r\n*2\r\n$3\r\nGET\r\n$0\r\n\r\nECHO \"a b\" 'c'\r\n";
    private static final List<List<String>> EXPECTED = List.of(
            List.of("SET", "bid", "v\r\n\0\u00ff!"), List.of("PING"), List.of(), List.of("GET", ""),
            List.of("ECHO", "a b", "c"));

    @Test
    void parsesAPipelineInOneBuffer() {
        assertEquals(EXPECTED, parseInChunks(PIPELINE, Integer.MAX_VALUE));
    }

    /** Every split point works: the parser resumes where it stopped, even when the bytes move. */
    @Test
    void resumesAcrossArbitrarySplits() {
        for (int chunk = 1; chunk <= 17; chunk++) {
            assertEquals(EXPECTED, parseInChunks(PIPELINE, chunk), "chunk size " + chunk);
        }
    }

    @Test
    void declaredLengthsCostNothingUntilTheBytesArrive() {
        RequestParser parser = new RequestParser(512L * 1024 * 1024, 1024 * 1024);
        byte[] header = ascii("*1\r\n$536870912\r\nabc");
        assertEquals(0, parser.parse(header, 0, header.length));
    }

    @Test
    void limitsAreEnforced() {
        RequestParser parser = new RequestParser(10, 3);
        byte[] bigBulk = ascii("*1\r\n$11\r\n");
        assertEquals("invalid bulk length",
                assertThrows(ProtocolException.class, () -> parser.parse(bigBulk, 0, bigBulk.length)).getMessage());
        RequestParser other = new RequestParser(10, 3);
        byte[] manyArgs = ascii("*4\r\n");
        assertEquals("invalid multibulk length",
                assertThrows(ProtocolException.class, () -> other.parse(manyArgs, 0, manyArgs.length)).getMessage());
    }

    /**
     * Feeds {@code input} in chunks the way the server does: parse what is there, then move the
     * unconsumed tail to the start of a fresh array (so positions change) before adding more.
     */
    private static List<List<String>> parseInChunks(String input, int chunkSize) {
        byte[] all = ascii(input);
        RequestParser parser = new RequestParser(1 << 20, 1 << 20);
        List<List<String>> commands = new ArrayList<>();
        byte[] buffer = new byte[0];
        int fed = 0;
        while (fed < all.length) {
            int take = Math.min(chunkSize, all.length - fed);
            byte[] grown = new byte[buffer.length + take + 3];
            System.arraycopy(buffer, 0, grown, 3, buffer.length); // 3: a different offset every time
            System.arraycopy(all, fed, grown, 3 + buffer.length, take);
            fed += take;
            int position = 3;
            int used;
            while (position < grown.length && (used = parser.parse(grown, position, grown.length)) > 0) {
                position += used;
                commands.add(arguments(parser.args()));
            }
            buffer = Arrays.copyOfRange(grown, position, grown.length);
        }
        assertEquals(0, buffer.length, "bytes left over");
        return commands;
    }

    private static List<String> arguments(CommandArgs args) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < args.count(); i++) {
            list.add(args.text(i));
        }
        return list;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
