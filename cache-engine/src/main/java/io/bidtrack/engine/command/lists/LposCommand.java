package io.bidtrack.engine.command.lists;

import static io.bidtrack.engine.command.lists.Lists.listValue;

import io.bidtrack.engine.command.Arguments;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.ListValue;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]. */
final class LposCommand {
    private static final RedisError RANK_ZERO = new RedisError("ERR RANK can't be zero: use 1 to start from the "
            + "first match, 2 from the second ... or use negative to start from the end of the list");

    private LposCommand() {
    }

    static void lpos(Client client, CommandArgs args) {
        long rank = 1;
        long count = -1; // -1: no COUNT option, reply with one index rather than an array
        long maxlen = 0;
        for (int j = 3; j < args.count(); j++) {
            boolean moreArgs = j < args.count() - 1;
            if (args.is(j, "rank") && moreArgs) {
                rank = args.longValue(++j);
                if (rank == 0) {
                    throw RANK_ZERO;
                }
            } else if (args.is(j, "count") && moreArgs) {
                count = nonNegative(args, ++j, "ERR COUNT can't be negative");
            } else if (args.is(j, "maxlen") && moreArgs) {
                maxlen = nonNegative(args, ++j, "ERR MAXLEN can't be negative");
            } else {
                throw Errors.SYNTAX;
            }
        }
        ListValue list = listValue(KeyLookup.findForRead(client, args, 1));
        ReplyWriter reply = client.reply();
        if (list == null) {
            if (count != -1) {
                reply.arrayHeader(0);
            } else {
                reply.nullValue();
            }
            return;
        }
        List<Integer> matches = find(list, args, rank, count == -1 ? 1 : count, maxlen);
        if (count != -1) {
            reply.arrayHeader(matches.size());
            matches.forEach(reply::integer);
        } else if (matches.isEmpty()) {
            reply.nullValue();
        } else {
            reply.integer(matches.get(0));
        }
    }

    /** Indexes of matches number |rank| onwards (from the tail if rank < 0), at most {@code limit} (0 = all). */
    private static List<Integer> find(ListValue list, CommandArgs args, long rank, long limit, long maxlen) {
        boolean fromTail = rank < 0;
        // Redis 7.0 negates a rank of LLONG_MIN into itself and then takes the first match.
        long skip = rank == Long.MIN_VALUE ? 0 : Math.abs(rank) - 1;
        int size = list.size();
        long scan = maxlen == 0 ? size : Math.min(maxlen, size);
        List<Integer> found = new ArrayList<>();
        for (int n = 0; n < scan; n++) {
            int i = fromTail ? size - 1 - n : n;
            if (list.elementEquals(i, args.data(), args.offset(2), args.length(2))) {
                if (skip > 0) {
                    skip--;
                } else {
                    found.add(i);
                    if (limit != 0 && found.size() >= limit) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    /** Redis' getPositiveLong with a custom message: both parse failures and negatives give it. */
    private static long nonNegative(CommandArgs args, int i, String message) {
        return Arguments.rangedLong(args, i, 0, Long.MAX_VALUE, message);
    }
}
