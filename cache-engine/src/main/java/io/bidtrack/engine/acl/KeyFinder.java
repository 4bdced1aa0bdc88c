package io.bidtrack.engine.acl;

import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.KeyExtraction;
import java.util.List;

/**
 * Which arguments of a command are keys, and whether each is read, written or both, for the key
 * permission checks: the command's key specs as {@link KeyExtraction} reads them, as Redis'
 * ACL does (so a malformed numkeys yields what COMMAND GETKEYS shows, and the command reports
 * its own error).
 */
final class KeyFinder {
    private KeyFinder() {
    }

    /** Positions and needed permissions, packed as {@code [pos0, flags0, pos1, flags1, ...]}. */
    static int[] keys(CommandSpec spec, ArgView args) {
        List<KeyExtraction.KeyRef> found = KeyExtraction.keys(spec, args.args(), args.base());
        int[] packed = new int[found.size() * 2];
        for (int k = 0; k < found.size(); k++) {
            packed[2 * k] = found.get(k).position();
            packed[2 * k + 1] = needed(found.get(k).flags());
        }
        return packed;
    }

    /**
     * Key spec flags to permissions: "access" reads; "insert", "delete", "update" write. A key
     * without flags (found by a command's own parser) needs neither, and any pattern matches it,
     * as in Redis.
     */
    private static int needed(List<String> flags) {
        int needed = 0;
        for (String f : flags) {
            switch (f) {
                case "access" -> needed |= KeyPattern.READ;
                case "insert", "delete", "update" -> needed |= KeyPattern.WRITE;
                default -> {
                }
            }
        }
        return needed;
    }
}
