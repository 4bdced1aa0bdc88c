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

    /**
     * A container's HELP subcommand as Redis declares them (arity 2, loading, stale, @slow; add
     * further categories with {@link CommandSpec.Builder#acl}), answering {@code lines}.
     */
    public static CommandSpec.Builder subcommand(String container, String... lines) {
        return CommandSpec.named("help").arity(2).flags("loading", "stale").acl("@slow")
                .handler((client, args) -> reply(client.reply(), container, lines));
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
