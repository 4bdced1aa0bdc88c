package io.bidtrack.infra.bench;

import io.bidtrack.coldstore.sink.BidParquet.Layout;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lakes the options choose; bad options are refused with a message naming them, before anything starts. */
class ColdBenchMainTest {

    @Test
    void badOptionsAreRefusedBeforeAnythingStarts() {
        assertRefused("--hours must be positive, got 0", "--hours", "0");
        assertRefused("--files-per-hour (10) must be a multiple of --file-overlap (3)", "--files-per-hour", "10");
        assertRefused("--sink-bids must be positive, got -5", "--sink-bids", "-5");
        assertRefused("--batch-partitions must be 0 (all) or positive", "--batch-partitions", "-1");
        assertRefused("not a duration: 'soon'", "--freshness-duration", "soon");
    }

    @Test
    void theTargetsAreJudgedOnTheCompactedLakeComparedWithTheSinksFiles() {
        List<LakeSpec> lakes = lakes("--hours", "2", "--bids-per-hour", "600", "--files-per-hour", "6", "--file-overlap", "2");
        assertEquals(List.of("compacted", "uncompacted (sink's files)", "unsorted, no bloom"), lakes.stream().map(LakeSpec::name).toList());
        assertEquals(LakeSpec.compacted(2, 600), lakes.get(0));
        // --files-per-hour and --file-overlap lay out the files before compaction only.
        assertEquals(LakeSpec.uncompacted(2, 600, 6, 2), lakes.get(1));
        assertEquals(LakeSpec.unsortedNoBloom(2, 600, 6, 2), lakes.get(2));
    }

    @Test
    void comparisonLakesCanBeSkippedOrAdded() {
        assertEquals(List.of("compacted", "unsorted, no bloom"), names(lakes("--skip-uncompacted")));
        assertEquals(List.of("compacted"), names(lakes("--skip-uncompacted", "--skip-unsorted")));
        List<LakeSpec> lakes = lakes("--skip-unsorted", "--compare-row-group-mib", "8", "--compare-page-rows", "1000");
        assertEquals(List.of("compacted", "uncompacted (sink's files)", "uncompacted, 8 MiB row groups", "uncompacted, pages of 1000 rows"),
                names(lakes));
        LakeSpec smallGroups = lakes.get(2);
        assertEquals(new Layout(true, 8L << 20, Layout.DEFAULT.pageRows()), smallGroups.layout());
        assertEquals(180, smallGroups.filesPerHour());
        assertEquals(new Layout(true, Layout.DEFAULT.rowGroupBytes(), 1000), lakes.get(3).layout());
    }

    private static List<LakeSpec> lakes(String... args) {
        ColdBenchMain main = new ColdBenchMain();
        new CommandLine(main).parseArgs(args);
        return main.lakeSpecs();
    }

    private static List<String> names(List<LakeSpec> lakes) {
        return lakes.stream().map(LakeSpec::name).toList();
    }

    private static void assertRefused(String message, String... args) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ColdBenchMain()).setErr(new PrintWriter(err)).execute(args);
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(message), err.toString());
    }
}
