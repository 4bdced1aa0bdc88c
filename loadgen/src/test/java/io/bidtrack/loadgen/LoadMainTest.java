package io.bidtrack.loadgen;

import io.bidtrack.common.Names;
import io.bidtrack.infra.kafka.EmbeddedKafka;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command end to end against {@link FakeStack}, whose tracker emits TrackingEvents to a real
 * Kafka broker as the real one does: the run, the check of its events, the report folder.
 */
class LoadMainTest {
    private static EmbeddedKafka kafka;

    @TempDir
    Path reports;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.startTemporary();
        kafka.createTopics(2, Names.TRACKING_EVENTS_TOPIC);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) kafka.close();
    }

    /** As LoadMain.main does it: the scenario's options first, then the command line. */
    private int execute(String... args) {
        CommandLine cmd = LoadMain.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(LoadMain.expand(cmd, args));
    }

    private void assertUsageError(String message, String... args) {
        assertEquals(2, execute(args), "exit code for " + String.join(" ", args));
        assertTrue(err.toString().contains(message), "stderr names the problem: " + err);
        assertTrue(err.toString().contains("Usage:"), "and shows the usage: " + err);
    }

    @Test
    void zeroRateIsAUsageError() {
        assertUsageError("--rate must be > 0", "--rate", "0");
    }

    @Test
    void unparseableDurationIsAUsageError() {
        assertUsageError("not a duration: 'abc'", "--duration", "abc");
    }

    @Test
    void otherBadValuesAreUsageErrors() {
        assertUsageError("--impression-rate must be between 0 and 1", "--impression-rate", "1.5");
        assertUsageError("--connections must be between 1 and 10000", "--connections", "0");
        assertUsageError("--duration must be > 0", "--duration", "0s");
        assertUsageError("--timeout must be > 0", "--timeout", "0ms");
        assertUsageError("--bidder must be an http(s) URL", "--bidder", "ftp://example.com");
        assertUsageError("sends no bid at all", "--rate", "1", "--duration", "500ms");
        assertUsageError("Unknown option", "--frobnicate");
    }

    @Test
    void badScenariosAndRateProfilesAreUsageErrors() {
        assertUsageError("no scenario named 'nope'", "--scenario", "nope");
        assertUsageError("--rate-profile", "--rate-profile", "0s:1,10s");
        assertUsageError("can be given once", "--scenario", "smoke", "--scenario", "steady");
    }

    @Test
    void theColdPartsSettingsAreChecked() throws Exception {
        assertUsageError("--cold-share must be between 0 and 0.9", "--cold-share", "0.95", "--kafka", kafka.bootstrapServers());
        assertUsageError("lower it", "--cold-share", "0.9", "--win-rate", "1", "--kafka", kafka.bootstrapServers());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertUsageError("--redis redis://127.0.0.1:" + port, "--redis", "redis://127.0.0.1:" + port, "--kafka", kafka.bootstrapServers(),
                "--rate", "1", "--duration", "1s");
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, execute("--help"));
        for (String option : new String[] {"--bidder", "--tracker", "--rate", "--duration", "--impression-rate",
                "--connections", "--seed", "--timeout"}) {
            assertTrue(out.toString().contains(option), option + " in " + out);
        }
    }

    @Test
    void completedRunExitsZeroPrintsTheSummaryAndTheCheckAndNamesItsReportLast() throws Exception {
        try (FakeStack stack = new FakeStack(kafka.bootstrapServers())) {
            int code = execute("--bidder", stack.bidderUrl(), "--tracker", stack.trackerUrl(), "--kafka", kafka.bootstrapServers(), "--delay-profile", "none",
                    "--rate", "50", "--duration", "1s", "--timeout", "2s", "--click-rate", "0.5", "--settle-quiet", "2s",
                    "--reports-dir", reports.toString());
            assertEquals(0, code, out + "\n" + err);
            String summary = out.toString();
            assertTrue(summary.contains("endpoint") && summary.contains("p99 ms") && summary.contains("imp "), summary);
            assertTrue(summary.lines().anyMatch(l -> l.matches("bid\\s+50\\s+.*")), "50 bids sent: " + summary);
            assertTrue(summary.contains(" lost 0  duplicated 0"), summary);
            JsonObject json = summaryJson(summary);
            long answered = stack.wins.get() + stack.impressions.get() + stack.clicks.get() + stack.installs.get();
            assertEquals(answered, json.getLong("sent"));
            assertEquals(answered, json.getLong("answered"));
            assertEquals(answered, json.getLong("hot"));
            assertEquals(0, json.getLong("lost"));
            assertEquals(0, json.getLong("duplicated"));
        }
    }

    /** The tracker answers an impression and never emits its event: the run says so and fails. */
    @Test
    void anEventTheTrackerDroppedIsReportedAsLostAndFailsTheRun() throws Exception {
        try (FakeStack stack = new FakeStack(kafka.bootstrapServers())) {
            stack.dropNextImpression.set(true);
            int code = execute("--bidder", stack.bidderUrl(), "--tracker", stack.trackerUrl(), "--kafka", kafka.bootstrapServers(), "--delay-profile", "none",
                    "--rate", "50", "--duration", "1s", "--timeout", "2s", "--settle-quiet", "2s", "--reports-dir", reports.toString());
            assertEquals(LoadMain.EXIT_EVENTS_LOST_OR_DUPLICATED, code, out + "\n" + err);
            assertTrue(out.toString().contains(" lost 1  duplicated 0"), out.toString());
            assertTrue(out.toString().contains("LOST"), "the lost event is named: " + out);
            assertEquals(1, summaryJson(out.toString()).getLong("lost"));
        }
    }

    @Test
    void aKafkaThatCannotBeReachedIsAUsageError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertUsageError("--kafka", "--kafka", "127.0.0.1:" + port, "--rate", "1", "--duration", "1s", "--delay-profile", "none");
    }

    /** The report folder named by the output's last line, and its summary.json. */
    private static JsonObject summaryJson(String output) throws Exception {
        List<String> lines = output.lines().toList();
        String last = lines.getLast();
        assertTrue(last.startsWith("report: "), "the last line names the report: " + last);
        Path folder = Path.of(last.substring("report: ".length()));
        for (String file : List.of("index.html", "summary.json", "timeline.csv", "throughput.png", "tier-mix.png")) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file + " in " + folder);
        }
        return new JsonObject(Files.readString(folder.resolve("summary.json")));
    }

    @Test
    void nothingAnsweredExitsOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        int code = execute("--bidder", "http://127.0.0.1:" + port, "--tracker", "http://127.0.0.1:" + port,
                "--kafka", kafka.bootstrapServers(), "--delay-profile", "none", "--rate", "20", "--duration", "1s", "--timeout", "1s", "--settle-quiet", "1s",
                "--reports-dir", reports.toString());
        assertEquals(1, code, out + "\n" + err);
        assertTrue(out.toString().contains("errors: bid connect=20"), out.toString());
    }
}
