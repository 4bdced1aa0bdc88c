package io.bidtrack.engine.command.lists;

import static io.bidtrack.engine.command.lists.Lists.listValue;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.ListValue;
import io.bidtrack.engine.resp.CommandArgs;

/** LMOVE and RPOPLPUSH, and the move BLMOVE performs once served. */
final class MoveCommands {
    private MoveCommands() {
    }

    static void lmove(Client client, CommandArgs args) {
        boolean fromLeft = Lists.isLeft(args, 3);
        boolean toLeft = Lists.isLeft(args, 4);
        move(client, args.copy(1), args.copy(2), fromLeft, toLeft);
    }

    static void rpoplpush(Client client, CommandArgs args) {
        move(client, args.copy(1), args.copy(2), false, true);
    }

    /**
     * Pops from {@code source}, pushes onto {@code destination} and replies with the element (null
     * if the source is empty). Source == destination rotates the list.
     *
     * @return false (nothing done, nothing replied) if the source holds no list
     */
    static boolean tryMove(Client client, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft) {
        KeyEntry sourceEntry = client.db().find(source, 0, source.length);
        ListValue sourceList = listValue(sourceEntry);
        if (sourceList == null) {
            return false;
        }
        // Checked before popping so a WRONGTYPE destination leaves the source untouched.
        KeyEntry destinationEntry = client.db().find(destination, 0, destination.length);
        listValue(destinationEntry);
        byte[] value = sourceList.remove(fromLeft);
        Lists.push(client, destination, destinationEntry, toLeft, value);
        Lists.deleteIfEmpty(client, sourceEntry, sourceList);
        // Destination first, then source, in Redis' order (a client caching both gets two messages).
        KeyLookup.modified(client, destination);
        KeyLookup.modified(client, source);
        client.reply().bulk(value);
        return true;
    }

    static void move(Client client, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft) {
        if (!tryMove(client, source, destination, fromLeft, toLeft)) {
            client.reply().nullValue();
        }
    }
}
