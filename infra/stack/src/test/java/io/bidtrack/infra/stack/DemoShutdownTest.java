package io.bidtrack.infra.stack;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the demo as its own process, exactly as {@code ./bidtrack demo} does, waits for its ready
 * line, then sends the signal Ctrl-C sends (SIGINT) or the one a supervisor sends (SIGTERM), and
 * checks that every port is closed again and no child process (Trino's JVM) outlives it.
 */
class DemoShutdownTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalStopsEverythingAndFreesEveryPort(String signal) throws Exception {
        List<Integer> ports = freePorts(8);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules=jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-Dbidtrack.trino.dir=" + System.getProperty("bidtrack.trino.dir"),
                "-cp", System.getProperty("java.class.path"),
                DemoMain.class.getName(), "--data-dir", dataDir.toString(),
                "--hot-window", "20s", "--rotate", "5s",
                "--engine-port", ports.get(0).toString(), "--kafka-port", ports.get(1).toString(),
                "--trino-port", ports.get(2).toString(), "--bidder-port", ports.get(3).toString(),
                "--tracker-port", ports.get(4).toString(), "--updater-port", ports.get(5).toString(),
                "--dashboard-port", ports.get(6).toString(), "--cold-store-port", ports.get(7).toString()));
        Process demo = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        try {
            StringBuilder output = awaitReadyLine(demo, Duration.ofSeconds(120));
            List<ProcessHandle> children = demo.descendants().toList();
            assertFalse(children.isEmpty(), "the demo should run Trino as a child JVM");
            for (int port : ports) {
                assertTrue(listening(port), "port " + port + " should be listening while the demo runs");
            }

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(demo.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                fail("demo did not stop within 60 s of SIG" + signal + "; its threads:\n" + threadDump(demo)
                        + "\nits output:\n" + tail(output));
            }

            for (ProcessHandle child : children) {
                child.onExit().get(20, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "child process " + child.pid() + " outlived the demo");
            }
            for (int port : ports) {
                assertFalse(listening(port), "port " + port + " still listening after the demo stopped");
            }
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    /** Reads the demo's output (in a thread, so the pipe never fills) until the ready line. */
    private static StringBuilder awaitReadyLine(Process demo, Duration timeout) throws Exception {
        StringBuilder output = new StringBuilder();
        boolean[] seen = {false};
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                        if (line.startsWith("bidtrack demo ready")) {
                            seen[0] = true;
                            output.notifyAll();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended; the waiting side reports what it saw
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (!seen[0] && demo.isAlive() && System.nanoTime() < deadline) {
                output.wait(500);
            }
            if (!seen[0]) {
                fail("no ready line within " + timeout + "; output:\n" + output);
            }
        }
        assertTrue(reader.isAlive() || seen[0]);
        return output;
    }

    /** The last lines the demo printed (the reader thread keeps appending, hence the lock). */
    private static String tail(StringBuilder output) {
        synchronized (output) {
            int from = Math.max(0, output.length() - 20_000);
            return output.substring(from);
        }
    }

    /** A thread dump of a process that would not stop, taken with the JDK's jcmd. */
    private static String threadDump(Process process) {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        try {
            Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(process.pid()),
                    "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
