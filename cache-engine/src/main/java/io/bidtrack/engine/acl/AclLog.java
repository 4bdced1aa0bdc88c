package io.bidtrack.engine.acl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * ACL LOG: recent denials, newest first. A denial like one of the last ten (same reason, context,
 * object and user, within a minute) bumps that entry's count and moves it to the front instead of
 * adding a new one, as Redis groups them.
 */
public final class AclLog {
    private static final long GROUPING_MILLIS = 60_000;
    private static final int GROUPING_SCAN = 10;

    /** One entry; {@code count}, {@code millis} and {@code clientInfo} change as similar denials recur. */
    public static final class Entry {
        public long count = 1;
        public final String reason;
        public final String context;
        public final byte[] object;
        public final String username;
        public long millis;
        public String clientInfo;

        Entry(String reason, String context, byte[] object, String username, long millis, String clientInfo) {
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.millis = millis;
            this.clientInfo = clientInfo;
        }

        private boolean similar(Entry e) {
            return reason.equals(e.reason) && context.equals(e.context)
                    && Math.abs(millis - e.millis) <= GROUPING_MILLIS
                    && Arrays.equals(object, e.object) && username.equals(e.username);
        }
    }

    private final LinkedList<Entry> entries = new LinkedList<>();

    void add(Entry entry, long maxLength) {
        Iterator<Entry> it = entries.iterator();
        for (int scanned = 0; scanned < GROUPING_SCAN && it.hasNext(); scanned++) {
            Entry current = it.next();
            if (current.similar(entry)) {
                it.remove();
                current.count++;
                current.millis = entry.millis;
                current.clientInfo = entry.clientInfo;
                entries.addFirst(current);
                return;
            }
        }
        entries.addFirst(entry);
        while (entries.size() > maxLength) {
            entries.removeLast();
        }
    }

    /** The newest {@code count} entries. */
    public List<Entry> newest(long count) {
        return new ArrayList<>(entries.subList(0, (int) Math.min(count, entries.size())));
    }

    public void reset() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }
}
