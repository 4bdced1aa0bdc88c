package io.bidtrack.infra.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad options are refused with a message naming them, before anything starts. */
class ColdBenchMainTest {

    @Test
    void badOptionsAreRefusedBeforeAnythingStarts() {
        assertRefused("--hours must be positive, got 0", "--hours", "0");
        assertRefused("--files-per-hour (10) must be a multiple of --file-overlap (3)", "--files-per-hour", "10");
        assertRefused("--sink-bids must be positive, got -5", "--sink-bids", "-5");
        assertRefused("--batch-partitions must be 0 (all) or positive", "--batch-partitions", "-1");
        assertRefused("not a duration: 'soon'", "--freshness-duration", "soon");
    }

    private static void assertRefused(String message, String... args) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ColdBenchMain()).setErr(new PrintWriter(err)).execute(args);
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(message), err.toString());
    }
}
