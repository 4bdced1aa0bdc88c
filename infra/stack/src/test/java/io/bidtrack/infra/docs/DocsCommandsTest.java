package io.bidtrack.infra.docs;

import io.bidtrack.infra.docs.DocBlocks.Block;
import io.bidtrack.infra.docs.DocBlocks.Command;
import io.bidtrack.infra.docs.DocBlocks.Expectation;
import io.bidtrack.infra.docs.DocSession.Outcome;
import io.bidtrack.infra.docs.DocSession.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every command of {@code README.md} and {@code docs/*.md} runs as written, so the docs stay true.
 * The test starts {@code ./bidtrack demo} with the flags the docs give (on its usual ports: the
 * commands name them), then runs each page's {@code ```bash} blocks in one bash session per page
 * from the repository root, the pages side by side, and checks every command's exit code and the
 * outputs the page promises ({@code # =>}). The convention is in {@link DocBlocks} and at the top
 * of {@code docs/walkthrough.md}. The {@code ./bidtrack} commands run from this test's classpath
 * ({@code PREBUILT_CLASSPATH}): a build inside {@code mvn test} would race the running one.
 */
class DocsCommandsTest {
    /** The blocks shown but not run, by page and first command, and why each is not run. */
    static final Map<String, String> NOT_RUN = Map.of(
            "README.md: ./bidtrack demo", "starts the stack: this test starts it itself, with the docs' flags",
            "README.md: ./bidtrack demo --hot-window 30s &", "a second stack and a load run of 3.5 minutes",
            "README.md: BIDTRACK_L1_INVALIDATION=tracking ./bidtrack demo", "a second stack",
            "README.md: ./bidtrack bench engine", "benchmarks take minutes each; their own tests cover them",
            "walkthrough.md: ./bidtrack demo --hot-window 20s --rotate 5s", "starts the stack: this test starts it itself");
    /** The demo's default ports, which the docs' commands use. */
    private static final List<Integer> DEMO_PORTS = List.of(6379, 9092, 8090, 8080, 8081, 8082);
    private static final Duration PAGE_TIMEOUT = Duration.ofMinutes(5);
    /** Where README.md names the demo that its "Follow one bid" commands run against. */
    private static final Pattern README_DEMO = Pattern.compile("With `(\\./bidtrack demo[^`]*)` running");

    private static final Path ROOT = Path.of(System.getProperty("bidtrack.samples.dir")).toAbsolutePath().normalize().getParent();

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void theBlocksNotRunAreExactlyTheListedOnes() throws IOException {
        TreeSet<String> found = new TreeSet<>();
        for (Path page : pages()) {
            for (Block block : DocBlocks.read(page)) {
                if (!block.run()) {
                    assertFalse(block.commands().isEmpty(), page.getFileName() + ":" + block.line() + ": an empty not-run block");
                    String key = page.getFileName() + ": " + block.commands().getFirst().firstWords();
                    assertTrue(NOT_RUN.containsKey(key), page.getFileName() + ":" + block.line()
                            + ": a bash block marked not-run that the docs test does not list: '" + key
                            + "' (run it, or add it to DocsCommandsTest.NOT_RUN with the reason)");
                    found.add(key);
                }
            }
        }
        assertEquals(new TreeSet<>(NOT_RUN.keySet()), found, "every listed not-run block is still in the docs");
    }

    @Test
    void theReadmeAndTheWalkthroughRunAgainstTheSameDemo() throws IOException {
        assertEquals(demoCommand(), readmeDemoCommand());
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES) // the demo's start, then the pages' 5 minutes at most
    void everyCommandOfTheDocsRunsAsWritten(@TempDir Path scratch) throws Exception {
        Map<Path, List<Command>> runnable = new LinkedHashMap<>();
        for (Path page : pages()) {
            List<Command> commands = DocBlocks.read(page).stream().filter(Block::run)
                    .flatMap(b -> b.commands().stream()).toList();
            if (!commands.isEmpty()) {
                runnable.put(page, commands);
            }
        }
        assertTrue(runnable.containsKey(ROOT.resolve("README.md")) && runnable.containsKey(ROOT.resolve("docs/walkthrough.md")),
                "README.md and docs/walkthrough.md have commands to run: " + runnable.keySet());
        for (int port : DEMO_PORTS) {
            assertFalse(listening(port), "port " + port + " is taken (a demo running?): the docs' commands use the demo's"
                    + " ports, so this test needs them free");
        }

        Map<String, String> env = Map.of("PREBUILT_CLASSPATH", runtimeClasspath(),
                "JAVA_HOME", javaHome().toString());
        List<String> demoArgs = new ArrayList<>(List.of("bash", ROOT.resolve("bidtrack").toString()));
        String[] demoWords = demoCommand().split("\\s+"); // ./bidtrack demo --flag value ...
        demoArgs.addAll(Arrays.asList(demoWords).subList(1, demoWords.length));
        demoArgs.addAll(List.of("--data-dir", scratch.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(demoArgs).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process demo = builder.start();
        StringBuilder demoOutput = new StringBuilder();
        try {
            awaitReady(demo, demoOutput, Duration.ofSeconds(150));
            List<String> failures = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(runnable.size())) {
                Map<Path, Future<Result>> running = new LinkedHashMap<>();
                runnable.forEach((page, commands) -> running.put(page,
                        pool.submit(() -> DocSession.run(commands, ROOT, env, PAGE_TIMEOUT, scratch))));
                for (Map.Entry<Path, Future<Result>> e : running.entrySet()) {
                    Result result = e.getValue().get();
                    System.out.printf("docs test: %s, %d commands, %.1f s, exit %d%n", ROOT.relativize(e.getKey()),
                            runnable.get(e.getKey()).size(), result.seconds(), result.exitCode());
                    failures.addAll(check(runnable.get(e.getKey()), result));
                    if (Boolean.getBoolean("bidtrack.docs.print")) { // -Dbidtrack.docs.print=true: to refresh a page's figures
                        result.outcomes().forEach(o -> System.out.println("$ " + o.command().text() + "\n" + o.output()));
                    }
                }
            }
            if (!failures.isEmpty()) {
                fail(failures.size() + " docs command(s) failed:\n\n" + String.join("\n\n", failures)
                        + "\n\nthe demo's last output:\n" + tail(demoOutput, 4000));
            }
        } finally {
            stop(demo);
        }
    }

    /** What went wrong in one page's session, one message per command. */
    static List<String> check(List<Command> commands, Result result) {
        List<String> failures = new ArrayList<>();
        for (Outcome outcome : result.outcomes()) {
            Command c = outcome.command();
            if (!outcome.ended()) {
                failures.add(c.where() + ": `" + c.text() + "` "
                        + (result.exitCode() == -1 ? "still ran after " + PAGE_TIMEOUT.toMinutes() + " min"
                        : "failed (bash exited with " + result.exitCode() + ")") + "; its output:\n" + tail(outcome.output(), 3000));
                continue;
            }
            for (Expectation expected : c.expectations()) {
                if (!expected.metBy(outcome.output())) {
                    failures.add(c.where() + ": `" + c.text() + "` should print " + expected + "; it printed:\n"
                            + tail(outcome.output(), 3000));
                }
            }
        }
        if (failures.isEmpty() && result.outcomes().size() < commands.size()) {
            Command next = commands.get(result.outcomes().size());
            failures.add(next.where() + ": `" + next.text() + "` never started (bash exited with " + result.exitCode() + ")");
        }
        return failures;
    }

    /** The walkthrough's demo command, whose flags this test starts the demo with. */
    private static String demoCommand() throws IOException {
        Path walkthrough = ROOT.resolve("docs/walkthrough.md");
        return DocBlocks.read(walkthrough).stream().filter(b -> !b.run()).flatMap(b -> b.commands().stream())
                .map(Command::firstWords).filter(c -> c.startsWith("./bidtrack demo")).findFirst()
                .orElseThrow(() -> new AssertionError(walkthrough + " has no ```bash not-run block starting ./bidtrack demo"));
    }

    private static String readmeDemoCommand() throws IOException {
        Matcher m = README_DEMO.matcher(Files.readString(ROOT.resolve("README.md")));
        assertTrue(m.find(), "README.md says: With `./bidtrack demo ...` running");
        return m.group(1).trim();
    }

    /**
     * This test's classpath less the test classes: every module's classes and libraries, which is
     * what the ./bidtrack commands would run from after a build (and the test classes' logging
     * configuration would make the tools chatty on stdout).
     */
    private static String runtimeClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar"))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    private static Path javaHome() {
        return Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent();
    }

    /** Reads the demo's output (in a thread, so the pipe never fills) until its ready line. */
    private static void awaitReady(Process demo, StringBuilder output, Duration timeout) throws InterruptedException {
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                        output.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the demo ended; the waiting side reports what it printed
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (output.indexOf("bidtrack demo ready") < 0) {
                if (!demo.isAlive() || System.nanoTime() > deadline) {
                    fail("the demo did not get ready within " + timeout + "; its output:\n" + tail(output, 8000));
                }
                output.wait(500);
            }
        }
    }

    /** SIGTERM, as a supervisor stops it; then whatever is left, forcibly. */
    private static void stop(Process demo) throws InterruptedException {
        List<ProcessHandle> children = demo.descendants().toList();
        demo.destroy();
        if (!demo.waitFor(60, TimeUnit.SECONDS)) {
            demo.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String tail(CharSequence text, int max) {
        synchronized (text) {
            return text.length() <= max ? text.toString() : "..." + text.subSequence(text.length() - max, text.length());
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
}
