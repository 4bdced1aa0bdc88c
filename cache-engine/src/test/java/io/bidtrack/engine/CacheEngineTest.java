package io.bidtrack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.FreePort;
import io.bidtrack.engine.testing.RespClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedding API and the standalone launcher. */
class CacheEngineTest {

    @Test
    void ephemeralPortIsReportedAndFreedOnClose() throws IOException {
        int port;
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0))) {
            port = engine.port();
            assertTrue(port > 0);
            assertEquals("127.0.0.1", engine.host());
            try (RespClient client = RespClient.connect(port)) {
                assertEquals("PONG", client.call("PING").text());
            }
        }
        try (ServerSocket reuse = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, reuse.getLocalPort(), "the port is free again after close()");
        }
    }

    @Test
    void closeEndsEveryClientConnection() throws IOException {
        CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        List<java.net.Socket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), engine.port());
                s.setSoTimeout(5000);
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals('+', s.getInputStream().read(), "connection " + i + " should be served");
                s.getInputStream().skipNBytes(6); // "PONG\r\n"
                sockets.add(s);
            }
            engine.close();
            for (java.net.Socket s : sockets) {
                // A FIN reads as end of stream; a connection left open would time out instead.
                assertEquals(-1, s.getInputStream().read(), "a client connection was left open after close()");
            }
        } finally {
            engine.close();
            for (java.net.Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void enginesAreIndependent() {
        try (CacheEngine first = CacheEngine.start(EngineConfig.defaults().withPort(0));
                CacheEngine second = CacheEngine.start(EngineConfig.defaults().withPort(0));
                RespClient a = RespClient.connect(first.port());
                RespClient b = RespClient.connect(second.port())) {
            assertNotEquals(first.port(), second.port());
            a.call("SET", "k", "first");
            assertTrue(b.call("GET", "k").isNull());
        }
    }

    @Test
    void busyPortFailsClearly() {
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0))) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> CacheEngine.start(EngineConfig.defaults().withPort(engine.port())));
            assertTrue(e.getMessage().contains(String.valueOf(engine.port())), e.getMessage());
        }
    }

    @Test
    void invalidConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.defaults().withPort(70000));
        assertThrows(IllegalArgumentException.class, () -> EngineConfig.defaults().withQueryBufferLimit(10));
    }

    @Test
    void closeIsIdempotent() {
        CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0));
        engine.close();
        engine.close();
        assertThrows(UncheckedIOException.class, () -> RespClient.connect(engine.port()).call("PING"));
    }

    @Test
    void standaloneMainPrintsReadyAndStopsOnSigterm() throws Exception {
        int port = FreePort.find();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.bidtrack.engine.EngineMain", "--port", String.valueOf(port)))
                .redirectError(new File(System.getProperty("java.io.tmpdir"), "engine-main-test.err"))
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("cache-engine ready on 127.0.0.1:" + port, out.readLine());
            try (RespClient client = RespClient.connect(port)) {
                assertEquals("OK", client.call("SET", "k", "v").text());
                assertEquals("v", client.call("GET", "k").text());
            }
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the engine stops on SIGTERM");
            try (ServerSocket reuse = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, reuse.getLocalPort());
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
