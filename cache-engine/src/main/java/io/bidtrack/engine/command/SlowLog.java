package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.CommandArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * SLOWLOG: the most recent commands that ran at least {@code slowlog-log-slower-than}
 * microseconds, newest first. Arguments are shortened as Redis does (32 arguments, 128 bytes
 * each) so a huge command cannot pin its whole payload in memory.
 */
public final class SlowLog {
    static final int MAX_ARGS = 32;
    static final int MAX_ARG_BYTES = 128;

    /** One logged command, in the order SLOWLOG GET reports its fields. */
    public record Entry(long id, long unixSeconds, long micros, byte[][] args, String address, String name) {
    }

    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    void add(Client client, CommandSpec spec, CommandArgs args, long micros, long maxLen) {
        int count = Math.min(args.count(), MAX_ARGS);
        byte[][] kept = new byte[count][];
        for (int i = 0; i < count; i++) {
            if (secret(spec, args, i)) {
                kept[i] = REDACTED;
            } else if (i == MAX_ARGS - 1 && args.count() > MAX_ARGS) {
                kept[i] = ("... (" + (args.count() - MAX_ARGS + 1) + " more arguments)")
                        .getBytes(StandardCharsets.US_ASCII);
            } else if (args.length(i) > MAX_ARG_BYTES) {
                String more = "... (" + (args.length(i) - MAX_ARG_BYTES) + " more bytes)";
                byte[] head = new byte[MAX_ARG_BYTES + more.length()];
                System.arraycopy(args.data(), args.offset(i), head, 0, MAX_ARG_BYTES);
                System.arraycopy(more.getBytes(StandardCharsets.US_ASCII), 0, head, MAX_ARG_BYTES, more.length());
                kept[i] = head;
            } else {
                kept[i] = args.copy(i);
            }
        }
        byte[] name = client.name();
        entries.addFirst(new Entry(nextId++, System.currentTimeMillis() / 1000, micros, kept,
                client.connection().remoteAddress(), name == null ? "" : new String(name, StandardCharsets.ISO_8859_1)));
        trim(maxLen);
    }

    /**
     * Whether argument {@code i} is a password or ACL rule, shown as "(redacted)" as Redis does:
     * AUTH's arguments, HELLO's AUTH pair, ACL SETUSER's, and CONFIG SET requirepass's value.
     */
    private static boolean secret(CommandSpec spec, CommandArgs args, int i) {
        return switch (spec.fullName()) {
            case "auth" -> i >= 1;
            case "acl|setuser" -> i >= 2;
            case "hello" -> (i >= 3 && args.is(i - 1, "auth")) || (i >= 4 && args.is(i - 2, "auth"));
            case "config|set" -> i >= 3 && i % 2 == 1 && args.is(i - 1, "requirepass");
            default -> false;
        };
    }

    public void trim(long maxLen) {
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    public Iterable<Entry> newestFirst() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public void reset() {
        entries.clear();
    }
}
