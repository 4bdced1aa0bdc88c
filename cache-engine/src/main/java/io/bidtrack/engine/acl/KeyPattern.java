package io.bidtrack.engine.acl;

import io.bidtrack.engine.bytes.Glob;
import java.nio.charset.StandardCharsets;

/**
 * A key pattern of a selector and what it grants: {@code ~p} reading and writing, {@code %R~p}
 * reading, {@code %W~p} writing.
 */
final class KeyPattern {
    static final int READ = 1;
    static final int WRITE = 2;
    static final int ALL = READ | WRITE;

    final byte[] pattern;
    int flags;

    KeyPattern(byte[] pattern, int flags) {
        this.pattern = pattern;
        this.flags = flags;
    }

    /** Whether the pattern grants {@code needed} (READ and/or WRITE; 0 = merely naming) on the key. */
    boolean grants(int needed, byte[] data, int offset, int length) {
        return (flags & needed) == needed && Glob.matches(pattern, 0, pattern.length, data, offset, length);
    }

    /** As ACL LIST writes it. */
    String describe() {
        String prefix = flags == ALL ? "~" : flags == READ ? "%R~" : "%W~";
        return prefix + new String(pattern, StandardCharsets.ISO_8859_1);
    }
}
