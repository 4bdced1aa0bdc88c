package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire protocol itself: pipelining, inline commands, and malformed input. */
class ProtocolCompatibilityTest extends CompatibilityTest {

    @Test
    void pipelinedCommandsAnswerInOrder() {
        String pipeline = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"
                + "*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nINCR\r\n$1\r\nk\r\n";
        sameRawReplies(pipeline, 4);
    }

    @Test
    void commandsSplitAcrossWrites() {
        byte[] command = bytes("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n");
        for (byte b : command) {
            reference.sendRaw(new byte[] {b});
            subject.sendRaw(new byte[] {b});
        }
        assertEquals(reference.read(), subject.read());
        assertEquals(reference.read(), subject.read());
    }

    @Test
    void inlineCommands() {
        sameRawReplies("PING\r\nSET k \"a b\"\r\nGET k\r\n\r\n   \r\nECHO \"x\\x41\\n\\t\\\\\"\nECHO 'it\\'s'\r\n"
                + "SET q\"uo ted\" 1\r\nGET \"quo ted\"\r\nECHO ''\r\nECHO \"\\xZZ\\q\"\tx\r\n", 9);
    }

    @Test
    void malformedInputGetsAnErrorAndTheConnectionClosed() {
        for (String hostile : List.of(
                "*1\r\n$1099511627776\r\n",
                "*3000000000\r\n",
                "*x\r\n",
                "*1\r\n:5\r\n",
                "*1\r\n$-3\r\n",
                "*1\r\n$abc\r\n",
                "*2\r\n$3\r\nGET\r\n+k\r\n",
                "SET \"unbalanced\r\n",
                "ECHO \"a\"b\r\n",
                "ECHO 'x\r\n",
                "ECHO \"a\\\r\n",
                "a".repeat(70_000),
                "*" + "9".repeat(70_000),
                "*1\r\n$" + "9".repeat(70_000))) {
            try (RespClient redisClient = RespClient.connect(redis.port());
                    RespClient engineClient = RespClient.connect(engine.port())) {
                redisClient.sendRaw(bytes(hostile));
                engineClient.sendRaw(bytes(hostile));
                Reply expected = redisClient.read();
                Reply actual = engineClient.read();
                String shown = hostile.length() > 40 ? hostile.substring(0, 40) + "..." : hostile;
                assertTrue(expected.isError(), () -> "redis answers " + expected + " to " + shown);
                assertEquals(expected, actual, () -> "reply to " + shown);
                assertTrue(redisClient.closedByPeerWithin(2000), "redis closes after " + shown);
                assertTrue(engineClient.closedByPeerWithin(2000), "the engine closes after " + shown);
            }
        }
        assertEquals("PONG", subject.call("PING").text());
    }

    private void sameRawReplies(String raw, int replies) {
        reference.sendRaw(bytes(raw));
        subject.sendRaw(bytes(raw));
        List<Reply> expected = new ArrayList<>();
        List<Reply> actual = new ArrayList<>();
        for (int i = 0; i < replies; i++) {
            expected.add(reference.read());
            actual.add(subject.read());
        }
        assertEquals(expected, actual);
        // Nothing more must follow: a PING is answered next on both.
        assertEquals(reference.call("PING"), subject.call("PING"));
    }
}
