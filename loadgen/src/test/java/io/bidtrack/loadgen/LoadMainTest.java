package io.bidtrack.loadgen;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

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
    void helpListsTheOptions() {
        assertEquals(0, execute("--help"));
        for (String option : new String[] {"--bidder", "--tracker", "--rate", "--duration", "--impression-rate",
                "--connections", "--seed", "--timeout"}) {
            assertTrue(out.toString().contains(option), option + " in " + out);
        }
    }

    @Test
    void completedRunExitsZeroAndPrintsTheSummary() throws Exception {
        try (FakeStack stack = new FakeStack()) {
            int code = execute("--bidder", stack.bidderUrl(), "--tracker", stack.trackerUrl(),
                    "--rate", "50", "--duration", "1s", "--timeout", "2s");
            assertEquals(0, code, err.toString());
            String summary = out.toString();
            assertTrue(summary.contains("endpoint") && summary.contains("p99 ms") && summary.contains("imp "), summary);
            assertTrue(summary.lines().anyMatch(l -> l.matches("bid\\s+50\\s+.*")), "50 bids sent: " + summary);
        }
    }

    @Test
    void nothingAnsweredExitsOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        int code = execute("--bidder", "http://127.0.0.1:" + port, "--tracker", "http://127.0.0.1:" + port,
                "--rate", "20", "--duration", "1s", "--timeout", "1s");
        assertEquals(1, code, out + "\n" + err);
        assertTrue(out.toString().contains("errors: bid connect=20"), out.toString());
    }
}
