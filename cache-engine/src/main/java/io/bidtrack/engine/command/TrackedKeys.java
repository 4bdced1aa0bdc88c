package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.tracking.Tracking;

/**
 * The keys a read-only command names, for client-side caching (Redis' getKeysFromCommand):
 * fixed positions from the command's legacy range, or, for commands with movable keys (numkeys,
 * STREAMS), found by {@link KeyExtraction} from their key specs (a bad numkeys names no keys).
 */
final class TrackedKeys {
    private TrackedKeys() {
    }

    static void remember(Tracking tracking, Client client, CommandSpec spec, CommandArgs args) {
        if (spec.hasMovableKeys()) {
            for (KeyExtraction.KeyRef key : KeyExtraction.keys(spec, args, 0)) {
                int i = key.position();
                tracking.remember(client, args.data(), args.offset(i), args.length(i));
            }
            return;
        }
        int first = spec.firstKey();
        if (first <= 0) {
            return;
        }
        int last = spec.lastKey() < 0 ? args.count() + spec.lastKey() : Math.min(spec.lastKey(), args.count() - 1);
        int step = Math.max(1, spec.keyStep());
        for (int i = first; i <= last; i += step) {
            tracking.remember(client, args.data(), args.offset(i), args.length(i));
        }
    }
}
