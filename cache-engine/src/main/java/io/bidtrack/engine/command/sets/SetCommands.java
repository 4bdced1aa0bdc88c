package io.bidtrack.engine.command.sets;

import io.bidtrack.engine.command.CommandTable;

/** Sets (SADD, SMEMBERS, SINTERCARD, ...): being written (issue #3); registers nothing yet. */
public final class SetCommands {
    private SetCommands() {
    }

    public static void register(CommandTable table) {
    }
}
