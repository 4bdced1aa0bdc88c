package io.bidtrack.engine.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real {@code redis-server} started for a test class, the reference the engine is compared with.
 * Without persistence, on a free port, in a temporary directory; stopped by {@link #close()}.
 * If the binary is missing the test fails with instructions instead of being skipped.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path directory;

    private RedisServerProcess(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    public static RedisServerProcess start() {
        String binary = Tools.require("redis-server", "the reference Redis the engine is compared with");
        int port = FreePort.find();
        try {
            Path directory = Files.createTempDirectory("redis-reference");
            Path log = directory.resolve("redis.log");
            Process process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", directory.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RedisServerProcess server = new RedisServerProcess(process, port, directory);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary, e);
        }
    }

    public int port() {
        return port;
    }

    private void awaitReady(Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start:\n" + Files.readString(log));
            }
            try (RespClient client = RespClient.connect(port)) {
                if ("PONG".equals(client.call("PING").text())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                sleep(20);
            }
        }
        close();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within 10 s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
            for (File f : List.of(directory.toFile().listFiles())) {
                f.delete();
            }
            Files.deleteIfExists(directory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
