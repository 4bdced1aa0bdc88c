package io.bidtrack.engine.acl;

import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.KeySpec;
import java.util.List;

/**
 * Which arguments of a command are keys, and whether each is read, written or both, for the key
 * permission checks. Most commands say it with their key specs; the "movablekeys" ones count
 * their keys (ZUNION numkeys ..., LMPOP numkeys ...) or follow a keyword (XREAD ... STREAMS).
 * As in Redis, a malformed count yields no keys at all and the command reports its own error.
 */
final class KeyFinder {
    private KeyFinder() {
    }

    /** Positions and needed permissions, packed as {@code [pos0, flags0, pos1, flags1, ...]}. */
    static int[] keys(CommandSpec spec, ArgView args) {
        Keys out = new Keys();
        int argc = args.count();
        switch (spec.fullName()) {
            case "zunion", "zinter", "zdiff", "sintercard" -> counted(args, 1, KeyPattern.READ, out);
            case "zunionstore", "zinterstore", "zdiffstore" -> {
                if (counted(args, 2, KeyPattern.READ, out)) {
                    out.add(1, KeyPattern.WRITE);
                }
            }
            case "lmpop" -> counted(args, 1, KeyPattern.ALL, out);
            case "blmpop" -> counted(args, 2, KeyPattern.ALL, out);
            case "xread" -> streams(args, 1, out);
            case "xreadgroup" -> streams(args, 4, out); // after GROUP group consumer; Redis declares RO access
            // SET's key spec has variable flags: it reads the old value only with the GET option.
            case "set" -> out.add(1, hasArgument(args, 3, "get") ? KeyPattern.ALL : KeyPattern.WRITE);
            default -> {
                for (KeySpec ks : spec.keySpecs()) {
                    int first = ks.beginIndex();
                    int last = ks.lastKey() >= 0 ? first + ks.lastKey() : argc + ks.lastKey();
                    int needed = needed(ks.flags());
                    for (int i = first; i <= Math.min(last, argc - 1); i += Math.max(1, ks.keyStep())) {
                        out.add(i, needed);
                    }
                }
            }
        }
        return out.toArray();
    }

    /** Key spec flags to permissions: "access" reads; "insert", "delete", "update" write. */
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

    /** {@code numkeys key ...} with numkeys at {@code at}; false (and no keys) if malformed. */
    private static boolean counted(ArgView args, int at, int needed, Keys out) {
        long n;
        try {
            n = Long.parseLong(args.text(at));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return false;
        }
        if (n < 0 || at + n > args.count() - 1) {
            return false;
        }
        for (int i = at + 1; i <= at + n; i++) {
            out.add(i, needed);
        }
        return true;
    }

    private static boolean hasArgument(ArgView args, int from, String lowerCaseKeyword) {
        for (int i = from; i < args.count(); i++) {
            if (args.is(i, lowerCaseKeyword)) {
                return true;
            }
        }
        return false;
    }

    /** XREAD / XREADGROUP: the first half of the arguments after STREAMS are the keys, read. */
    private static void streams(ArgView args, int from, Keys out) {
        int needed = KeyPattern.READ;
        for (int i = from; i < args.count(); i++) {
            if (args.is(i, "streams")) {
                int count = (args.count() - (i + 1)) / 2;
                for (int k = i + 1; k <= i + count; k++) {
                    out.add(k, needed);
                }
                return;
            }
        }
    }

    private static final class Keys {
        private int[] data = new int[8];
        private int size;

        void add(int position, int needed) {
            if (size + 2 > data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = position;
            data[size++] = needed;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
