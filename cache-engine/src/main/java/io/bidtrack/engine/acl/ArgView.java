package io.bidtrack.engine.acl;

import io.bidtrack.engine.resp.CommandArgs;

/**
 * A command's arguments seen from {@code base}: the command itself for the dispatcher (base 0),
 * the command named inside {@code ACL DRYRUN user cmd ...} (base 3).
 */
record ArgView(CommandArgs args, int base) {
    int count() {
        return args.count() - base;
    }

    byte[] data() {
        return args.data();
    }

    int offset(int i) {
        return args.offset(base + i);
    }

    int length(int i) {
        return args.length(base + i);
    }

    String text(int i) {
        return args.text(base + i);
    }

    boolean is(int i, String lowerCaseKeyword) {
        return args.is(base + i, lowerCaseKeyword);
    }

    byte[] copy(int i) {
        return args.copy(base + i);
    }
}
