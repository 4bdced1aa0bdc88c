package io.bidtrack.loadgen.backfill;

import io.bidtrack.common.config.Env;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: usage errors exit 2 naming the problem; defaults come from the stack's settings. */
class BackfillMainTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:30:00Z");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine command(Map<String, String> env) {
        CommandLine cmd = new CommandLine(new BackfillMain(new Env(env), Clock.fixed(NOW, ZoneOffset.UTC)));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    private void assertUsageError(String message, String... args) {
        assertEquals(2, command(Map.of()).execute(args), "exit code for " + String.join(" ", args));
        assertTrue(err.toString().contains(message), "stderr names the problem (" + message + "): " + err);
        assertTrue(err.toString().contains("Usage:"), "and shows the usage: " + err);
    }

    @Test
    void hoursAndBidsPerHourAreRequired() {
        assertUsageError("Missing required options: '--hours=H', '--bids-per-hour=N'");
        assertUsageError("Missing required option: '--bids-per-hour=N'", "--hours", "3");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        assertUsageError("--hours must be between 1 and 8784, got 0", "--hours", "0", "--bids-per-hour", "10");
        assertUsageError("--bids-per-hour must be between 1 and 100000000, got -5", "--hours", "1", "--bids-per-hour", "-5");
        assertUsageError("Invalid value for option '--hours'", "--hours", "many", "--bids-per-hour", "10");
        assertUsageError("--end must be an ISO-8601 instant", "--hours", "1", "--bids-per-hour", "1", "--end", "yesterday");
        assertUsageError("--end 2026-12-06T00:00:00Z is in the future", "--hours", "1", "--bids-per-hour", "1",
                "--end", "2026-12-06T00:00:00Z");
        assertUsageError("not a duration", "--hours", "1", "--bids-per-hour", "1", "--hot-window", "soon");
        assertUsageError("--campaigns: 'no way' is not a campaign id", "--hours", "1", "--bids-per-hour", "1",
                "--campaigns", "c1,no way");
        assertUsageError("--compression must be one of none, gzip, snappy, lz4, zstd, got 'rar'", "--hours", "1",
                "--bids-per-hour", "1", "--compression", "rar");
        assertUsageError("--redis (BIDTRACK_REDIS_URL) must be a URL like redis://", "--hours", "1",
                "--bids-per-hour", "1", "--redis", "http://127.0.0.1:6379");
        assertUsageError("Unknown option: '--frobnicate'", "--hours", "1", "--bids-per-hour", "1", "--frobnicate");
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, command(Map.of()).execute("--help"));
        for (String option : List.of("--hours", "--bids-per-hour", "--kafka", "--end", "--hot-window", "--seed",
                "--campaigns", "--redis", "--compression")) {
            assertTrue(out.toString().contains(option), option + " in " + out);
        }
    }

    @Test
    void defaultsComeFromTheStacksSettingsAndEndTheHotWindowAgo() {
        CommandLine cmd = command(Map.of(Env.variableName("kafka.bootstrap"), "kafka.internal:9093",
                Env.variableName("redis.url"), "redis://cache.internal:6380", Env.variableName("hot.window"), "2h"));
        cmd.parseArgs("--hours", "24", "--bids-per-hour", "1000");
        BackfillConfig config = ((BackfillMain) cmd.getCommand()).config();
        assertEquals(new BackfillConfig(24, 1000, NOW.minusSeconds(2 * 3600), BackfillConfig.DEFAULT_SEED,
                "kafka.internal:9093", "redis://cache.internal:6380", List.of(), "lz4"), config);

        cmd = command(Map.of());
        cmd.parseArgs("--hours", "1", "--bids-per-hour", "1", "--end", "2026-12-01T00:00:00Z", "--campaigns", "a,b",
                "--seed", "9", "--kafka", "k:1");
        config = ((BackfillMain) cmd.getCommand()).config();
        assertEquals(new BackfillConfig(1, 1, Instant.parse("2026-12-01T00:00:00Z"), 9, "k:1",
                BackfillConfig.DEFAULT_REDIS_URL, List.of("a", "b"), "lz4"), config);

        cmd = command(Map.of());
        cmd.parseArgs("--hours", "1", "--bids-per-hour", "1", "--hot-window", "90m");
        assertEquals(NOW.minusSeconds(90 * 60), ((BackfillMain) cmd.getCommand()).config().end(), "--hot-window");
    }
}
