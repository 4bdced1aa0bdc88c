package io.bidtrack.common.coredata;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.FreePort;
import io.bidtrack.engine.testing.RespClient;
import io.bidtrack.engine.testing.Tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A store the L1 cache is tested against (the bundled engine or a real redis-server), which can be
 * stopped and started again on the same port, as a restarted or failed-over store would be.
 */
interface CampaignCacheStore extends AutoCloseable {

    enum Kind {
        ENGINE, REDIS_SERVER;

        /** Starts an empty store of this kind; port 0 picks a free one. */
        CampaignCacheStore start(int port) {
            return switch (this) {
                case ENGINE -> new Engine(CacheEngine.start(EngineConfig.defaults().withPort(port)));
                case REDIS_SERVER -> RedisServer.start(port == 0 ? FreePort.find() : port);
            };
        }

        @Override
        public String toString() {
            return this == ENGINE ? "engine" : "redis-server";
        }
    }

    int port();

    default String url() {
        return "redis://127.0.0.1:" + port();
    }

    @Override
    void close();

    record Engine(CacheEngine engine) implements CampaignCacheStore {
        @Override
        public int port() {
            return engine.port();
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    /** redis-server without persistence, in a temporary directory; a restart starts it empty. */
    record RedisServer(Process process, int port, Path directory) implements CampaignCacheStore {
        static RedisServer start(int port) {
            String binary = Tools.require("redis-server", "the reference store the L1 cache is tested against");
            try {
                Path directory = Files.createTempDirectory("l1-redis");
                Process process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", directory.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(directory.resolve("redis.log").toFile())
                        .start();
                RedisServer server = new RedisServer(process, port, directory);
                server.awaitPing();
                return server;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + binary, e);
            }
        }

        private void awaitPing() throws IOException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited at start:\n"
                            + Files.readString(directory.resolve("redis.log")));
                }
                try (RespClient client = RespClient.connect(port)) {
                    if ("PONG".equals(client.call("PING").text())) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    sleepMillis(10);
                }
            }
            close();
            throw new IllegalStateException("redis-server did not answer on port " + port);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (var files = Files.list(directory)) {
                files.forEach(f -> f.toFile().delete());
                Files.deleteIfExists(directory);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
