package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.command.CommandTable;

/** Sorted sets (ZADD, ZRANGE, BZPOPMIN, ...): being written (issue #3); registers nothing yet. */
public final class SortedSetCommands {
    private SortedSetCommands() {
    }

    public static void register(CommandTable table) {
    }
}
