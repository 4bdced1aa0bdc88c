package io.bidtrack.infra.stack;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import io.bidtrack.loadgen.LoadMain;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        JsonObject summary = load("--hot-window", "8s", "--hot-margin", "34s", "--cold-hours", "2", "--cold-wait", "90s",
                "--cold-share", "0.3", "--rate", "20", "--duration", "3s");
        assertTrue(summary.getLong("hot") > 0, "the run's own events are HOT: " + summary.encode());
        assertTrue(summary.getLong("cold") > 0, "the old bids' impressions are COLD: " + summary.encode());
        assertAllAccountedFor(summary);
    }

    /**
     * The compressed profile, for demos with a short hot window: a share of the run's own bids get
     * their events only after the hot TTL (8 s + 34 s here) and 15 s of slack, when the tracker must
     * find those bids in the lake. The run waits for them, so this test takes about a minute.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aCompressedRunWatchesItsOwnBidsTurnCold() throws Exception {
        JsonObject summary = load("--delay-profile", "compressed", "--hot-window", "8s", "--hot-margin", "34s",
                "--cold-share", "0.3", "--rate", "20", "--duration", "3s");
        assertTrue(summary.getLong("hot") > 0, "the events sent at once are HOT: " + summary.encode());
        assertTrue(summary.getLong("cold") > 0, "the delayed ones are COLD: " + summary.encode());
        assertAllAccountedFor(summary);
    }

    /** Runs {@code ./bidtrack load} against the stack with these options; its report's summary.json. */
    private static JsonObject load(String... options) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("--target", stack.bidderUrl() + "," + stack.trackerUrl(),
                "--kafka", stack.kafkaBootstrap(), "--redis", stack.storeUrl(HotStoreUsers.LOADGEN), "--settle-quiet", "5s",
                "--reports-dir", reports.toString()));
        args.addAll(List.of(options));
        int code = LoadMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(0, code, out + "\n" + err);
        List<String> lines = out.toString().lines().toList();
        Path report = Path.of(lines.getLast().substring("report: ".length()));
        return new JsonObject(Files.readString(report.resolve("summary.json")));
    }

    private static void assertAllAccountedFor(JsonObject summary) {
        assertNoServiceWasRefused();
        assertEquals(summary.getLong("answered"), summary.getLong("hot") + summary.getLong("cold"), "and nothing UNMATCHED");
        assertEquals(0, summary.getLong("lost"));
        assertEquals(0, summary.getLong("duplicated"));
        assertEquals(0, summary.getLong("wrongTier"));
        assertEquals(0, summary.getLong("wrongCampaign"));
    }

    /** Each service ran as its own hot-store user (infra/acl/users.acl); the engine refused none of their commands. */
    private static void assertNoServiceWasRefused() {
        HotStoreUsers users = HotStoreUsers.shared();
        try (RespClient admin = RespClient.connect(URI.create(stack.storeUrl()).getPort())) {
            assertEquals("OK", admin.call("AUTH", HotStoreUsers.ADMIN, users.passwords().get(HotStoreUsers.ADMIN)).text());
            Reply log = admin.call("ACL", "LOG");
            assertTrue(log.elements().isEmpty(), "the engine refused commands: " + log);
        }
    }
}
