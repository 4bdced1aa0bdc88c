package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;

/** The options of XREAD and XREADGROUP, parsed in Redis' order and with its messages. */
final class ReadArgs {
    /** Milliseconds to block, 0 forever, -1 when BLOCK is absent. */
    long timeout = -1;
    long count;
    int streamsArg;
    int streams;
    String group;
    String consumer;
    boolean noAck;

    static ReadArgs parse(CommandArgs args, boolean xreadgroup) {
        ReadArgs r = new ReadArgs();
        for (int i = 1; i < args.count(); i++) {
            int more = args.count() - i - 1;
            if (args.is(i, "block") && more > 0) {
                r.timeout = timeout(args, ++i);
            } else if (args.is(i, "count") && more > 0) {
                r.count = Math.max(0, Streams.integer(args, ++i, null));
            } else if (args.is(i, "streams") && more > 0) {
                r.streamsArg = i + 1;
                int n = args.count() - r.streamsArg;
                if (n % 2 != 0) {
                    // Redis says XREAD for both commands.
                    throw new RedisError("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' "
                            + "must be specified.");
                }
                r.streams = n / 2;
                break;
            } else if (args.is(i, "group") && more >= 2) {
                if (!xreadgroup) {
                    throw new RedisError("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                }
                r.group = Streams.name(args, i + 1);
                r.consumer = Streams.name(args, i + 2);
                i += 2;
            } else if (args.is(i, "noack")) {
                if (!xreadgroup) {
                    throw new RedisError("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                }
                r.noAck = true;
            } else {
                throw Errors.SYNTAX;
            }
        }
        if (r.streamsArg == 0) {
            throw Errors.SYNTAX;
        }
        if (xreadgroup && r.group == null) {
            throw new RedisError("ERR Missing GROUP option for XREADGROUP");
        }
        return r;
    }

    /** BLOCK's milliseconds, as Redis' getTimeoutFromObjectOrReply reads them. */
    private static long timeout(CommandArgs args, int i) {
        long ms = Streams.integer(args, i, "ERR timeout is not an integer or out of range");
        if (ms < 0) {
            throw new RedisError("ERR timeout is negative");
        }
        if (ms > 0 && ms > Long.MAX_VALUE - System.currentTimeMillis()) {
            throw new RedisError("ERR timeout is out of range");
        }
        return ms;
    }
}
