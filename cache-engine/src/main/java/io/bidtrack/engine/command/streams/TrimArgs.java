package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.keyspace.StreamValue;
import io.bidtrack.engine.resp.CommandArgs;

/**
 * The options shared by XADD and XTRIM (Redis' streamParseAddOrTrimArgsOrReply): MAXLEN or MINID
 * with {@code =} or {@code ~}, LIMIT, and for XADD NOMKSTREAM and the ID, which ends the options.
 */
final class TrimArgs {
    boolean hasStrategy;
    long maxLen;
    StreamId minId;
    boolean approx;
    long limit;
    boolean noMkStream;
    /** XADD: null for "*"; seqGiven false for "ms-*". */
    StreamId id;
    boolean seqGiven = true;
    /** XADD: the index of the ID argument. */
    int idIndex;

    static TrimArgs parse(CommandArgs args, boolean xadd) {
        TrimArgs t = new TrimArgs();
        boolean limitGiven = false;
        int i = 2;
        for (; i < args.count(); i++) {
            int more = args.count() - 1 - i;
            if (xadd && args.is(i, "*")) {
                break;
            } else if ((args.is(i, "maxlen") || args.is(i, "minid")) && more > 0) {
                boolean minid = args.is(i, "minid");
                if (t.hasStrategy) {
                    throw new RedisError("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                }
                t.approx = false;
                if (more >= 2 && args.is(i + 1, "~")) {
                    t.approx = true;
                    i++;
                } else if (more >= 2 && args.is(i + 1, "=")) {
                    i++;
                }
                if (minid) {
                    t.minId = StreamIds.parseStrict(args, i + 1);
                } else {
                    t.maxLen = Streams.integer(args, i + 1, null);
                    if (t.maxLen < 0) {
                        throw new RedisError("ERR The MAXLEN argument must be >= 0.");
                    }
                }
                i++;
                t.hasStrategy = true;
            } else if (args.is(i, "limit") && more > 0) {
                t.limit = Streams.integer(args, i + 1, null);
                if (t.limit < 0) {
                    throw new RedisError("ERR The LIMIT argument must be >= 0.");
                }
                limitGiven = true;
                i++;
            } else if (xadd && args.is(i, "nomkstream")) {
                t.noMkStream = true;
            } else if (xadd) {
                t.id = parseAddId(args.text(i), t);
                break;
            } else {
                throw Errors.SYNTAX;
            }
        }
        t.idIndex = i;
        if (t.limit != 0 && !t.hasStrategy) {
            throw new RedisError("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && !t.hasStrategy) {
            throw new RedisError("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (t.limit != 0 && !t.approx) {
            throw new RedisError("ERR syntax error, LIMIT cannot be used without the special ~ option");
        }
        if (!limitGiven) {
            // Redis' default work bound for "~": 100 nodes' worth of entries.
            t.limit = t.approx ? 100L * StreamValue.NODE_MAX_ENTRIES : 0;
        }
        return t;
    }

    /** A strict ID where "ms-*" also passes (seq chosen by XADD). */
    private static StreamId parseAddId(String text, TrimArgs t) {
        if (text.endsWith("-*") && text.length() <= 127) {
            t.seqGiven = false;
            return new StreamId(StreamIds.parse(text.substring(0, text.length() - 2), 0, true).ms(), 0);
        }
        return StreamIds.parse(text, 0, true);
    }

    long trim(StreamValue s) {
        return hasStrategy ? s.trim(maxLen, minId, approx, limit) : 0;
    }
}
