package io.bidtrack.engine.acl;

import java.util.List;
import java.util.Locale;

/**
 * Redis' command categories, in Redis' order: ACL CAT lists them so, and the rules ACL LIST prints
 * try them so. A command's categories are a bit mask, bit i for {@code NAMES[i]}.
 */
public final class Categories {
    public static final List<String> NAMES = List.of("keyspace", "read", "write", "set", "sortedset", "list",
            "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
            "blocking", "dangerous", "connection", "transaction", "scripting");

    private Categories() {
    }

    /** The bit of a category name (any case), or 0 if there is no such category. */
    public static long bit(String name) {
        int i = NAMES.indexOf(name.toLowerCase(Locale.ROOT));
        return i < 0 ? 0 : 1L << i;
    }

    /** The mask of categories as CommandSpec lists them ({@code "@read"}, ...). */
    static long mask(List<String> categories) {
        long mask = 0;
        for (String c : categories) {
            mask |= bit(c.startsWith("@") ? c.substring(1) : c);
        }
        return mask;
    }
}
