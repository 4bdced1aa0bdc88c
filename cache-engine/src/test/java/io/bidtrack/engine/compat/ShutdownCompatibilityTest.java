package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.FreePort;
import io.bidtrack.engine.testing.RedisServerProcess;
import io.bidtrack.engine.testing.RespClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SHUTDOWN. Its errors are compared on the shared servers; a real shutdown runs on servers of its
 * own: a fresh redis-server and a fresh engine, or the standalone engine process.
 */
class ShutdownCompatibilityTest extends CompatibilityTest {

    @Test
    void argumentErrorsAndTransactions() {
        sameAll("SHUTDOWN FOO", "SHUTDOWN NOSAVE SAVE", "SHUTDOWN SAVE NOSAVE NOW", "SHUTDOWN ABORT NOW",
                "SHUTDOWN NOSAVE ABORT", "SHUTDOWN FORCE ABORT", "SHUTDOWN ABORT", "shutdown abort",
                "SHUTDOWN ABORT ABORT", "SHUTDOWN NOW NOW ABORT", "COMMAND INFO shutdown",
                "MULTI", "SHUTDOWN NOSAVE", "SHUTDOWN ABORT", "SET k v", "EXEC", "GET k", "PING");
    }

    /** Every connection closes, the one that asked included, with no reply; blocked clients too. */
    @Test
    void shutdownClosesEveryConnectionWithoutAReply() {
        for (String command : List.of("SHUTDOWN", "SHUTDOWN NOSAVE NOW FORCE", "shutdown now")) {
            try (RedisServerProcess fresh = RedisServerProcess.start()) {
                List<String> expected = shutdownTranscript(fresh.port(), command);
                CacheEngine own = CacheEngine.start(EngineConfig.defaults().withPort(0));
                try {
                    assertEquals(expected, shutdownTranscript(own.port(), command), command);
                    awaitStopped(own);
                    assertPortFree(own.port());
                } finally {
                    own.close();
                }
            }
        }
    }

    /** The engine cannot save: SHUTDOWN SAVE fails as a failed save does in Redis, unless FORCE. */
    @Test
    void saveIsRefusedUnlessForced() {
        try (CacheEngine own = CacheEngine.start(EngineConfig.defaults().withPort(0));
                RespClient client = RespClient.connect(own.port())) {
            assertEquals("ERR Errors trying to SHUTDOWN. Check logs.", client.call("SHUTDOWN", "SAVE").text());
            assertEquals("ERR Errors trying to SHUTDOWN. Check logs.", client.call("SHUTDOWN", "SAVE", "NOW").text());
            assertEquals("PONG", client.call("PING").text());
            assertFalse(own.isStopped());
            client.send("SHUTDOWN", "SAVE", "FORCE");
            assertTrue(client.closedByPeerWithin(5000));
            awaitStopped(own);
        }
    }

    @Test
    void standaloneEngineExitsWithStatusZero() throws Exception {
        int port = FreePort.find();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.bidtrack.engine.EngineMain", "--port", String.valueOf(port)))
                .redirectError(new File(System.getProperty("java.io.tmpdir"), "engine-shutdown-test.err"))
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("cache-engine ready on 127.0.0.1:" + port, out.readLine());
            try (RespClient client = RespClient.connect(port)) {
                assertEquals("OK", client.call("SET", "k", "v").text());
                client.send("SHUTDOWN", "NOSAVE");
                assertTrue(client.closedByPeerWithin(5000));
            }
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the engine exits after SHUTDOWN");
            assertEquals(0, process.exitValue());
            assertPortFree(port);
        } finally {
            process.destroyForcibly();
        }
    }

    /** What each of three connections sees: an idle one, a blocked one, and the one that shuts down. */
    private static List<String> shutdownTranscript(int port, String command) {
        List<String> seen = new ArrayList<>();
        try (RespClient idle = RespClient.connect(port);
                RespClient blocked = RespClient.connect(port);
                Socket issuer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            idle.call("SET", "k", "v");
            blocked.send("BLPOP", "l", "0");
            sleep(100);
            StringBuilder frame = new StringBuilder();
            String[] words = command.split(" ");
            frame.append('*').append(words.length).append("\r\n");
            for (String w : words) {
                frame.append('$').append(w.length()).append("\r\n").append(w).append("\r\n");
            }
            // A command pipelined after SHUTDOWN never runs, nor answers.
            frame.append("*1\r\n$4\r\nPING\r\n");
            issuer.setSoTimeout(5000);
            issuer.getOutputStream().write(frame.toString().getBytes(StandardCharsets.US_ASCII));
            seen.add("issuer received [" + new String(issuer.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1) + "]");
            seen.add("blocked closed: " + blocked.closedByPeerWithin(5000));
            seen.add("idle closed: " + idle.closedByPeerWithin(5000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seen;
    }

    private static void awaitStopped(CacheEngine engine) {
        long deadline = System.currentTimeMillis() + 5000;
        while (!engine.isStopped()) {
            assertTrue(System.currentTimeMillis() < deadline, "the engine did not stop");
            sleep(10);
        }
    }

    private static void assertPortFree(int port) {
        try (ServerSocket reuse = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, reuse.getLocalPort());
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still in use", e);
        }
    }
}
