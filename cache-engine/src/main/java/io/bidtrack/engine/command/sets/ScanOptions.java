package io.bidtrack.engine.command.sets;

import io.bidtrack.engine.bytes.Glob;
import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.resp.CommandArgs;

/**
 * The arguments of SSCAN/ZSCAN ({@code key cursor [MATCH pattern] [COUNT count]}), checked in
 * Redis' order: the cursor first, then the options.
 */
public record ScanOptions(long cursor, long count, byte[] pattern) {
    private static final long DEFAULT_COUNT = 10;

    /** Parses the cursor (argument 2); the options are parsed by {@link #options}. */
    public static long cursor(CommandArgs args) {
        try {
            return Numbers.parseUnsignedCursor(args.data(), args.offset(2), args.length(2));
        } catch (Numbers.NotANumber e) {
            throw Errors.INVALID_CURSOR;
        }
    }

    /** Parses MATCH and COUNT from argument 3 on; Redis does this only once the key exists. */
    public static ScanOptions options(CommandArgs args, long cursor) {
        long count = DEFAULT_COUNT;
        byte[] pattern = null;
        for (int i = 3; i < args.count(); i += 2) {
            boolean hasValue = args.count() - i >= 2;
            if (hasValue && args.is(i, "count")) {
                try {
                    count = args.longValue(i + 1);
                } catch (Numbers.NotANumber e) {
                    throw Errors.NOT_AN_INTEGER;
                }
                if (count < 1) {
                    throw Errors.SYNTAX;
                }
            } else if (hasValue && args.is(i, "match")) {
                boolean matchesAll = args.length(i + 1) == 1 && args.data()[args.offset(i + 1)] == '*';
                pattern = matchesAll ? null : args.copy(i + 1);
            } else {
                throw Errors.SYNTAX;
            }
        }
        return new ScanOptions(cursor, count, pattern);
    }

    public boolean matches(byte[] member) {
        return pattern == null || Glob.matches(pattern, member);
    }
}
