package io.bidtrack.engine.command;

import io.bidtrack.engine.command.acl.AclCommand;
import io.bidtrack.engine.command.connection.ConnectionCommands;
import io.bidtrack.engine.command.hashes.HashCommands;
import io.bidtrack.engine.command.keys.KeyCommands;
import io.bidtrack.engine.command.lists.ListCommands;
import io.bidtrack.engine.command.pubsub.PubSubCommands;
import io.bidtrack.engine.command.server.ServerCommands;
import io.bidtrack.engine.command.sets.SetCommands;
import io.bidtrack.engine.command.sortedsets.SortedSetCommands;
import io.bidtrack.engine.command.streams.StreamCommands;
import io.bidtrack.engine.command.strings.StringCommands;
import io.bidtrack.engine.command.transactions.TransactionCommands;

/** The table of every command the engine implements. Add a feature's commands here. */
public final class BuiltinCommands {
    private BuiltinCommands() {
    }

    public static CommandTable table() {
        CommandTable table = new CommandTable();
        ConnectionCommands.register(table);
        StringCommands.register(table);
        KeyCommands.register(table);
        HashCommands.register(table);
        ListCommands.register(table);
        SetCommands.register(table);
        SortedSetCommands.register(table);
        StreamCommands.register(table);
        PubSubCommands.register(table);
        TransactionCommands.register(table);
        ServerCommands.register(table);
        AclCommand.register(table);
        return table;
    }
}
