package io.bidtrack.engine.command.lists;

import io.bidtrack.engine.command.CommandTable;

/** Lists (LPUSH, LRANGE, BLPOP, ...): being written (issue #3); registers nothing yet. */
public final class ListCommands {
    private ListCommands() {
    }

    public static void register(CommandTable table) {
    }
}
