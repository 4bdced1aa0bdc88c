package io.bidtrack.engine.command.strings;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: the longest common subsequence of
 * two strings, by the textbook dynamic programme Redis uses. Which subsequence (several may be as
 * long) and the matched ranges come from walking the table back from its end exactly as Redis
 * walks it, so replies are Redis' byte for byte.
 */
final class LcsCommand {
    private static final RedisError NOT_STRINGS = new RedisError("ERR The specified keys must contain string values");
    private static final RedisError LEN_AND_IDX =
            new RedisError("ERR If you want both the length and indexes, please just use IDX.");
    private static final RedisError TOO_BIG =
            new RedisError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
    private static final RedisError NO_MEMORY =
            new RedisError("ERR Insufficient memory, failed allocating transient memory for LCS");

    private LcsCommand() {
    }

    static CommandSpec spec() {
        return CommandSpec.named("lcs").arity(-3).flags("readonly").keys(1, 2, 1, "RO", "access")
                .acl("@read", "@string", "@slow").handler(LcsCommand::lcs).build();
    }

    /** A run of matching bytes: a[aStart..aEnd] equals b[bStart..bEnd]. */
    private record Match(int aStart, int aEnd, int bStart, int bEnd) {
        int length() {
            return aEnd - aStart + 1;
        }
    }

    static void lcs(Client client, CommandArgs args) {
        // Both keys are checked before the options, as Redis does.
        KeyEntry ea = KeyLookup.findForRead(client, args, 1);
        KeyEntry eb = KeyLookup.findForRead(client, args, 2);
        if ((ea != null && !(ea.value() instanceof byte[])) || (eb != null && !(eb.value() instanceof byte[]))) {
            throw NOT_STRINGS;
        }
        byte[] a = ea == null ? new byte[0] : (byte[]) ea.value();
        byte[] b = eb == null ? new byte[0] : (byte[]) eb.value();
        boolean idx = false;
        boolean len = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < args.count(); j++) {
            if (args.is(j, "idx")) {
                idx = true;
            } else if (args.is(j, "len")) {
                len = true;
            } else if (args.is(j, "withmatchlen")) {
                withMatchLen = true;
            } else if (args.is(j, "minmatchlen") && j + 1 < args.count()) {
                minMatchLen = Math.max(0, args.longValue(++j));
            } else {
                throw Errors.SYNTAX;
            }
        }
        if (idx && len) {
            throw LEN_AND_IDX;
        }
        long cells = (long) (a.length + 1) * (b.length + 1);
        if (cells * Integer.BYTES > client.engine().settings().maxBulkLength) {
            throw TOO_BIG;
        }
        int[] table;
        try {
            table = table(a, b, cells);
        } catch (OutOfMemoryError e) {
            throw NO_MEMORY;
        }
        int width = b.length + 1;
        int total = table[a.length * width + b.length];
        ReplyWriter reply = client.reply();
        if (len) {
            reply.integer(total);
            return;
        }
        byte[] common = new byte[total];
        List<Match> matches = walkBack(a, b, table, common);
        if (!idx) {
            reply.bulk(common);
            return;
        }
        reply.mapHeader(2);
        reply.bulk("matches");
        int shown = 0;
        for (Match m : matches) {
            if (minMatchLen == 0 || m.length() >= minMatchLen) {
                shown++;
            }
        }
        reply.arrayHeader(shown);
        for (Match m : matches) {
            if (minMatchLen != 0 && m.length() < minMatchLen) {
                continue;
            }
            reply.arrayHeader(withMatchLen ? 3 : 2);
            reply.arrayHeader(2);
            reply.integer(m.aStart());
            reply.integer(m.aEnd());
            reply.arrayHeader(2);
            reply.integer(m.bStart());
            reply.integer(m.bEnd());
            if (withMatchLen) {
                reply.integer(m.length());
            }
        }
        reply.bulk("len");
        reply.integer(total);
    }

    /** table[i * (|b|+1) + j]: the LCS length of a's first i bytes and b's first j bytes. */
    private static int[] table(byte[] a, byte[] b, long cells) {
        if (cells > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError();
        }
        int width = b.length + 1;
        int[] t = new int[(int) cells];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                t[i * width + j] = a[i - 1] == b[j - 1]
                        ? t[(i - 1) * width + j - 1] + 1
                        : Math.max(t[(i - 1) * width + j], t[i * width + j - 1]);
            }
        }
        return t;
    }

    /**
     * From the table's end back to a start: fills {@code common} from its end, and returns the
     * runs of matches, last ones first. On a mismatch the walk steps along a only when that keeps
     * a strictly longer LCS (else along b), which decides among equally long subsequences.
     */
    private static List<Match> walkBack(byte[] a, byte[] b, int[] t, byte[] common) {
        int width = b.length + 1;
        List<Match> matches = new ArrayList<>();
        int i = a.length;
        int j = b.length;
        int k = common.length;
        int aStart = -1;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean close;
            if (a[i - 1] == b[j - 1]) {
                common[--k] = a[i - 1];
                if (aStart < 0) {
                    aStart = aEnd = i - 1;
                    bStart = bEnd = j - 1;
                } else {
                    // Each match steps back in both strings, so it always extends the open run.
                    aStart--;
                    bStart--;
                }
                close = aStart == 0 || bStart == 0;
                i--;
                j--;
            } else {
                if (t[(i - 1) * width + j] > t[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                close = aStart >= 0;
            }
            if (close) {
                matches.add(new Match(aStart, aEnd, bStart, bEnd));
                aStart = -1;
            }
        }
        return matches;
    }
}
