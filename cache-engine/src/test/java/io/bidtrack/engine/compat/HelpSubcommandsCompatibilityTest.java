package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bidtrack.engine.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The HELP subcommands of every container. Each help is Redis' text, keeping the entries of the
 * subcommands the engine has (an entry is a line naming the subcommand and the indented lines
 * under it), in Redis' order.
 */
class HelpSubcommandsCompatibilityTest extends CompatibilityTest {
    private static final List<String> CONTAINERS = List.of("client", "config", "command", "object", "xinfo", "xgroup",
            "pubsub", "slowlog", "memory", "latency", "acl");

    @Test
    void helpIsRedisTextForTheSubcommandsTheEngineHas() {
        for (String container : CONTAINERS) {
            Set<String> ours = new TreeSet<>();
            for (Reply name : subject.call("COMMAND", "LIST", "FILTERBY", "PATTERN", container + "|*").elements()) {
                ours.add(name.text().substring(container.length() + 1).toUpperCase(Locale.ROOT));
            }
            List<Reply> theirs = reference.call(container.toUpperCase(Locale.ROOT), "HELP").elements();
            List<Reply> expected = new ArrayList<>(List.of(theirs.get(0)));
            boolean keep = false;
            for (Reply line : theirs.subList(1, theirs.size())) {
                if (!line.text().startsWith(" ")) {
                    String head = line.text().split(" ")[0];
                    keep = head.equals("(no") || ours.contains(head);
                }
                if (keep) {
                    expected.add(line);
                }
            }
            assertEquals(expected, subject.call(container, "help").elements(), container + " HELP");
            sameAll(container + " HELP x", container + " HELP x y");
        }
    }
}
