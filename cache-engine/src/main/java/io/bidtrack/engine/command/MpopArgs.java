package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.CommandArgs;

/**
 * The parsed tail of [B]LMPOP and [B]ZMPOP: {@code numkeys key [key ...] LEFT|RIGHT [COUNT count]}
 * (MIN|MAX for sorted sets). {@code fromFirst} is LEFT or MIN.
 */
public record MpopArgs(int firstKey, int numKeys, boolean fromFirst, long count) {

    /** Parses from argument {@code numKeysIndex}, checking in Redis' order (same errors). */
    public static MpopArgs parse(CommandArgs args, int numKeysIndex, String firstEnd, String lastEnd) {
        long numKeys = Arguments.rangedLong(args, numKeysIndex, 1, Long.MAX_VALUE,
                "ERR numkeys should be greater than 0");
        // Compared without adding, so a numkeys near 2^63 cannot overflow into a valid index.
        if (numKeys > args.count() - numKeysIndex - 2) {
            throw Errors.SYNTAX;
        }
        int whereIndex = (int) (numKeysIndex + numKeys + 1);
        boolean fromFirst;
        if (args.is(whereIndex, firstEnd)) {
            fromFirst = true;
        } else if (args.is(whereIndex, lastEnd)) {
            fromFirst = false;
        } else {
            throw Errors.SYNTAX;
        }
        long count = -1;
        for (int j = whereIndex + 1; j < args.count(); j++) {
            boolean moreArgs = j < args.count() - 1;
            if (count == -1 && args.is(j, "count") && moreArgs) {
                j++;
                count = Arguments.rangedLong(args, j, 1, Long.MAX_VALUE, "ERR count should be greater than 0");
            } else {
                throw Errors.SYNTAX;
            }
        }
        return new MpopArgs(numKeysIndex + 1, (int) numKeys, fromFirst, count == -1 ? 1 : count);
    }
}
