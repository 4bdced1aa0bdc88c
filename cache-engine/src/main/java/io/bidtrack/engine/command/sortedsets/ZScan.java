package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.command.sets.ScanOptions;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.keyspace.ZSkipList;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/** One ZSCAN step. */
final class ZScan {
    /** Redis keeps sets this small in one listpack and returns them whole, in order, with cursor 0. */
    private static final int WHOLE_SET_LIMIT = 128;

    private ZScan() {
    }

    /**
     * Larger sets are paged from the highest rank down (cursor = rank + 1 of the next member), so
     * removals can only repeat members, never skip ones present throughout; insertions below the
     * cursor may shift a member past it, a weaker guarantee than Redis' dict scan.
     */
    static void scan(ReplyWriter reply, SortedSetValue zset, ScanOptions options) {
        List<ZSkipList.Node> page = new ArrayList<>();
        long next;
        if (zset.size() <= WHOLE_SET_LIMIT) {
            for (ZSkipList.Node n = zset.order().head(); n != null; n = n.next()) {
                page.add(n);
            }
            next = 0;
        } else {
            long rank = options.cursor() == 0 ? zset.size() - 1 : Math.min(options.cursor() - 1, zset.size() - 1);
            ZSkipList.Node n = zset.at(rank);
            for (long c = 0; c < options.count() && n != null; c++, rank--) {
                page.add(n);
                n = n.previous();
            }
            next = n == null ? 0 : rank + 1;
        }
        page.removeIf(n -> !options.matches(n.member()));
        reply.arrayHeader(2);
        reply.bulk(Long.toUnsignedString(next));
        reply.arrayHeader(page.size() * 2);
        for (ZSkipList.Node n : page) {
            reply.bulk(n.member());
            reply.bulk(Scores.formatBytes(n.score()));
        }
    }
}
