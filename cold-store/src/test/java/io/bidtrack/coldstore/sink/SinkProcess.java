package io.bidtrack.coldstore.sink;

import io.bidtrack.coldstore.ColdStoreMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link ColdStoreMain} in a child JVM, as production runs it, so that a test can kill it for real.
 * Its stdout and stderr go to a log file, which is also where the test looks for the lines it waits for.
 */
final class SinkProcess {
    /** What a process killed by SIGKILL (signal 9) exits with: 128 + 9. */
    static final int KILLED_BY_SIGKILL = 137;

    private final Process process;
    private final Path log;

    private SinkProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the sink with the test's own classpath and the java running the test.
     *
     * @param env     BIDTRACK_* settings; those of the test's environment are not passed on
     * @param options ColdStoreMain options, e.g. {@code --rotate 1s}
     */
    static SinkProcess start(Map<String, String> env, List<String> options, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As the services run: no warnings about protobuf's Unsafe or Snappy's native library.
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ColdStoreMain.class.getName()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("BIDTRACK_"));
        builder.environment().putAll(env);
        // Any free ops port: several sinks run at once, and the demo may hold the default one.
        builder.environment().putIfAbsent("BIDTRACK_HTTP_PORT", "0");
        try {
            Files.deleteIfExists(log);
            return new SinkProcess(builder.redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /**
     * Waits until the process has printed a line starting with {@code start}; fails if it exits or
     * takes longer than {@code timeout}.
     */
    void awaitLine(String start, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (output().lines().noneMatch(line -> line.startsWith(start))) {
            if (!process.isAlive()) {
                throw new AssertionError("the sink exited (" + process.exitValue() + ") before printing '" + start + "':\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sink did not print '" + start + "' within " + timeout + ":\n" + tail());
            }
            Thread.sleep(50);
        }
    }

    /** Kills the process with SIGKILL, so that no shutdown hook runs; returns its exit code. */
    int kill() throws Exception {
        process.destroyForcibly();
        return process.onExit().get(30, TimeUnit.SECONDS).exitValue();
    }

    /** Stops the process with SIGTERM, as an orchestrator would; the sink stores what it holds first. */
    void stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the sink did not stop within " + timeout + " of SIGTERM:\n" + tail());
        }
    }

    /** Kills the process if it is still alive: for clean-up after a failed test. */
    void destroy() {
        process.destroyForcibly();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        String out = output();
        return out.length() <= 4000 ? out : out.substring(out.length() - 4000);
    }
}
