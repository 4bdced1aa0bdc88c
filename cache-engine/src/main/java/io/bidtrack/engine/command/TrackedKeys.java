package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.tracking.Tracking;

/**
 * The keys a read-only command names, for client-side caching (Redis' getKeysFromCommand):
 * fixed positions from the command's spec, or, for commands with movable keys, found by parsing
 * the arguments as Redis' key specs do (a bad numkeys names no keys).
 */
final class TrackedKeys {
    private TrackedKeys() {
    }

    static void remember(Tracking tracking, Client client, CommandSpec spec, CommandArgs args) {
        int first;
        int last;
        int step = 1;
        if (spec.hasMovableKeys()) {
            if (spec.name().equals("xread")) {
                // XREAD ... STREAMS k1 k2 id1 id2: the first half after the last STREAMS word.
                int streams = -1;
                for (int i = 1; i < args.count(); i++) {
                    if (args.is(i, "streams")) {
                        streams = i;
                    }
                }
                int n = streams < 0 ? 0 : (args.count() - streams - 1) / 2;
                first = streams + 1;
                last = first + n - 1;
            } else {
                // SINTERCARD, ZUNION, ZINTER, ZDIFF: numkeys, then the keys.
                long n;
                try {
                    n = args.longValue(1);
                } catch (RuntimeException e) {
                    return;
                }
                if (n <= 0 || n > args.count() - 2) {
                    return;
                }
                first = 2;
                last = 1 + (int) n;
            }
        } else {
            first = spec.firstKey();
            if (first <= 0) {
                return;
            }
            last = spec.lastKey() < 0 ? args.count() + spec.lastKey() : Math.min(spec.lastKey(), args.count() - 1);
            step = Math.max(1, spec.keyStep());
        }
        for (int i = first; i <= last; i += step) {
            tracking.remember(client, args.data(), args.offset(i), args.length(i));
        }
    }
}
