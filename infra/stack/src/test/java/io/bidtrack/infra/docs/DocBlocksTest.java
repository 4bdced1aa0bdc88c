package io.bidtrack.infra.docs;

import io.bidtrack.infra.docs.DocBlocks.Block;
import io.bidtrack.infra.docs.DocBlocks.Command;
import io.bidtrack.infra.docs.DocSession.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The docs test's reading of a page, and its session, on small made-up pages. */
class DocBlocksTest {
    private static final Path PAGE = Path.of("page.md");

    private static List<Block> parse(String markdown) {
        return DocBlocks.parse(PAGE, markdown.lines().toList());
    }

    @Test
    void readsCommandsContinuationsAndExpectations() {
        List<Block> blocks = parse("""
                # Title
                ```bash
                # a plain comment
                X=$(echo hi)
                curl -s localhost:1/x \\
                     --data y    # => "tier":"HOT"
                echo $X   # =~ ^h.$
                # => hi
                ```
                ```text
                not a command
                ```
                ```bash not-run
                ./bidtrack demo --rotate 5s   # stays up
                ```
                """);
        assertEquals(2, blocks.size());
        Block run = blocks.get(0);
        assertTrue(run.run());
        assertEquals(2, run.line());
        List<Command> commands = run.commands();
        assertEquals(3, commands.size());
        assertEquals(4, commands.get(0).line());
        assertEquals("curl -s localhost:1/x \\\n     --data y    # => \"tier\":\"HOT\"", commands.get(1).text());
        assertEquals(5, commands.get(1).line());
        assertEquals(List.of(new DocBlocks.Expectation(false, "\"tier\":\"HOT\"")), commands.get(1).expectations());
        assertEquals(List.of(new DocBlocks.Expectation(true, "^h.$"), new DocBlocks.Expectation(false, "hi")),
                commands.get(2).expectations());
        assertFalse(blocks.get(1).run());
        assertEquals("./bidtrack demo --rotate 5s", blocks.get(1).commands().getFirst().firstWords());
    }

    @Test
    void refusesShellBlocksUnderOtherNamesUnknownMarkersAndOpenBlocks() {
        assertThrows(IllegalArgumentException.class, () -> parse("```sh\nls\n```\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("```console\n$ ls\n```\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("```bash skip\nls\n```\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("```bash\nls\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("```bash\n# => before any command\n```\n"));
    }

    @Test
    void aSessionKeepsVariablesAndReportsTheFailingCommandAndUnmetExpectations(@TempDir Path scratch) throws Exception {
        List<Command> commands = parse("""
                ```bash
                GREETING=hello
                echo "$GREETING world"   # => hello world
                echo nothing             # => something
                false
                echo never
                ```
                """).getFirst().commands();
        Result result = DocSession.run(commands, scratch, Map.of(), Duration.ofSeconds(30), scratch);
        assertEquals(1, result.exitCode());
        assertEquals(4, result.outcomes().size(), "the session stops at the failing command");
        assertEquals("hello world\n", result.outcomes().get(1).output());
        List<String> failures = DocsCommandsTest.check(commands, result);
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.get(0).startsWith("page.md:4: `echo nothing") && failures.get(0).contains("should print \"something\""),
                failures.get(0));
        assertTrue(failures.get(1).startsWith("page.md:5: `false` failed (bash exited with 1)"), failures.get(1));
    }

    @Test
    void aSessionThatRunsTooLongNamesTheCommandItWasIn(@TempDir Path scratch) throws Exception {
        List<Command> commands = parse("```bash\necho start\nsleep 60\n```\n").getFirst().commands();
        Result result = DocSession.run(commands, scratch, Map.of(), Duration.ofSeconds(2), scratch);
        assertEquals(-1, result.exitCode());
        List<String> failures = DocsCommandsTest.check(commands, result);
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.getFirst().startsWith("page.md:3: `sleep 60` still ran after"), failures.getFirst());
    }
}
