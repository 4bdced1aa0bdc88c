package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.ReplyWriter;
import java.util.Locale;

/**
 * The reply of a container's HELP subcommand, laid out as Redis' addReplyHelp does: a header
 * line, the subcommand lines, and HELP itself last, each a simple string.
 */
public final class HelpText {
    private HelpText() {
    }

    /** {@code lines} as in Redis' help arrays (subcommand, then its description indented by 4). */
    public static void reply(ReplyWriter reply, String container, String... lines) {
        reply.arrayHeader(lines.length + 3);
        reply.simpleString(container.toUpperCase(Locale.ROOT)
                + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String line : lines) {
            reply.simpleString(line);
        }
        reply.simpleString("HELP");
        reply.simpleString("    Prints this help.");
    }
}
