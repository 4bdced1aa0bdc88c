package io.bidtrack.infra.docs;

import io.bidtrack.infra.docs.DocBlocks.Command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a page's commands in order in one bash session ({@code set -euo pipefail}), so that a
 * variable one command sets is there for the next, as in a reader's terminal. Between commands
 * the script prints markers, by which each command's output (stdout and stderr together) and
 * whether it ended are read back.
 */
final class DocSession {
    private static final String MARK = "@@docs-test@@";
    private static final Pattern MARKER = Pattern.compile("\n?" + Pattern.quote(MARK) + " (begin|end) (\\d+)\n");

    /** What one command did: its output, and whether it got to its end marker. */
    record Outcome(Command command, String output, boolean ended) {
    }

    /**
     * What the session did.
     *
     * @param outcomes one per command that started, in order
     * @param exitCode bash's exit code, or -1 when it was stopped at the timeout
     * @param seconds  how long it ran
     */
    record Result(List<Outcome> outcomes, int exitCode, double seconds) {
    }

    private DocSession() {
    }

    static Result run(List<Command> commands, Path workDir, Map<String, String> env, Duration timeout, Path scratch)
            throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("set -euo pipefail\nexec 2>&1\n");
        for (int i = 0; i < commands.size(); i++) {
            script.append("printf '\\n").append(MARK).append(" begin ").append(i).append("\\n'\n")
                    .append(commands.get(i).text()).append('\n')
                    .append("printf '\\n").append(MARK).append(" end ").append(i).append("\\n'\n");
        }
        Path file = Files.createTempFile(scratch, "docs-", ".sh");
        Files.writeString(file, script);

        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        Process bash = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().daemon().start(() -> drain(bash.getInputStream(), output));
        boolean finished = false;
        try {
            finished = bash.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (!finished) { // out of time, or the test was interrupted: leave no command running
                bash.descendants().forEach(ProcessHandle::destroyForcibly);
                bash.destroyForcibly();
                bash.waitFor(10, TimeUnit.SECONDS);
            }
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return new Result(outcomes(commands, text), finished ? bash.exitValue() : -1, seconds);
    }

    /** Splits the session's output at the markers. */
    static List<Outcome> outcomes(List<Command> commands, String text) {
        Map<Integer, Integer> begins = new HashMap<>();
        Map<Integer, Integer> ends = new HashMap<>();
        Matcher m = MARKER.matcher(text);
        List<int[]> marks = new ArrayList<>(); // {index, start of marker, end of marker, begin?}
        while (m.find()) {
            int index = Integer.parseInt(m.group(2));
            boolean begin = m.group(1).equals("begin");
            marks.add(new int[] {index, m.start(), m.end(), begin ? 1 : 0});
            (begin ? begins : ends).put(index, marks.size() - 1);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < commands.size() && begins.containsKey(i); i++) {
            int[] begin = marks.get(begins.get(i));
            int from = begin[2];
            int to = ends.containsKey(i) ? marks.get(ends.get(i))[1]
                    : begins.get(i) + 1 < marks.size() ? marks.get(begins.get(i) + 1)[1] : text.length();
            outcomes.add(new Outcome(commands.get(i), text.substring(from, Math.max(from, to)), ends.containsKey(i)));
        }
        return outcomes;
    }

    private static void drain(InputStream in, ByteArrayOutputStream output) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (output) {
                    output.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process ended; what was read is what there is
        }
    }
}
