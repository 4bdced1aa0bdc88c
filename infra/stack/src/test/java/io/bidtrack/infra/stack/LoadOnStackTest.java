package io.bidtrack.infra.stack;

import io.bidtrack.loadgen.LoadMain;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./bidtrack load} with its default, realistic delay profile against the whole local stack:
 * it backfills old bids, waits until the tracker finds them cold, sends its bids and their events
 * plus impressions of the old bids, and checks every event on tracking-events: the run's own
 * events attributed HOT, the old bids' COLD, none lost or duplicated.
 */
class LoadOnStackTest {
    /** Short, so that the sink makes old bids queryable within seconds; the stack's hot margin is 2 x rotate + 30 s. */
    private static final Duration ROTATE = Duration.ofSeconds(2);
    private static final Duration HOT_WINDOW = Duration.ofSeconds(8);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path reports;
    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(new StackConfig(dataDir, HOT_WINDOW, ROTATE, StackConfig.Ports.ephemeral()));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRealisticRunHasHotAndColdEventsAndLosesNone() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoadMain.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "--target", stack.bidderUrl() + "," + stack.trackerUrl(), "--kafka", stack.kafkaBootstrap(), "--redis", stack.storeUrl(),
                "--hot-window", "8s", "--hot-margin", "34s", "--cold-hours", "2", "--cold-wait", "90s", "--cold-share", "0.3",
                "--rate", "20", "--duration", "3s", "--settle-quiet", "5s", "--reports-dir", reports.toString());
        assertEquals(0, code, out + "\n" + err);
        List<String> lines = out.toString().lines().toList();
        Path report = Path.of(lines.getLast().substring("report: ".length()));
        JsonObject summary = new JsonObject(Files.readString(report.resolve("summary.json")));
        assertTrue(summary.getLong("hot") > 0, "the run's own events are HOT: " + summary.encode());
        assertTrue(summary.getLong("cold") > 0, "the old bids' impressions are COLD: " + summary.encode());
        assertEquals(summary.getLong("answered"), summary.getLong("hot") + summary.getLong("cold"), "and nothing UNMATCHED");
        assertEquals(0, summary.getLong("lost"));
        assertEquals(0, summary.getLong("duplicated"));
        assertEquals(0, summary.getLong("wrongTier"));
        assertEquals(0, summary.getLong("wrongCampaign"));
    }
}
