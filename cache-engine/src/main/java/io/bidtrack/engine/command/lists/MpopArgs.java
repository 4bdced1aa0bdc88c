package io.bidtrack.engine.command.lists;

import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.resp.CommandArgs;

/** The parsed tail of [B]LMPOP: {@code numkeys key [key ...] LEFT|RIGHT [COUNT count]}. */
record MpopArgs(int firstKey, int numKeys, boolean left, long count) {

    /** Parses from argument {@code numKeysIndex}, checking in Redis' order (same errors). */
    static MpopArgs parse(CommandArgs args, int numKeysIndex) {
        long numKeys = Lists.rangedLong(args, numKeysIndex, 1, Long.MAX_VALUE, "ERR numkeys should be greater than 0");
        // Compared without adding, so a numkeys near 2^63 cannot overflow into a valid index.
        if (numKeys > args.count() - numKeysIndex - 2) {
            throw Errors.SYNTAX;
        }
        long whereIndex = numKeysIndex + numKeys + 1;
        boolean left = Lists.isLeft(args, (int) whereIndex);
        long count = -1;
        for (int j = (int) whereIndex + 1; j < args.count(); j++) {
            boolean moreArgs = j < args.count() - 1;
            if (count == -1 && args.is(j, "count") && moreArgs) {
                j++;
                count = Lists.rangedLong(args, j, 1, Long.MAX_VALUE, "ERR count should be greater than 0");
            } else {
                throw Errors.SYNTAX;
            }
        }
        return new MpopArgs(numKeysIndex + 1, (int) numKeys, left, count == -1 ? 1 : count);
    }
}
