package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.resp.CommandArgs;

/** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ... and ZINCRBY, with Redis' checks in its order. */
final class ZaddCommand {
    private static final RedisError XX_AND_NX =
            new RedisError("ERR XX and NX options at the same time are not compatible");
    private static final RedisError GT_LT_NX =
            new RedisError("ERR GT, LT, and/or NX options at the same time are not compatible");
    private static final RedisError INCR_PAIRS =
            new RedisError("ERR INCR option supports a single increment-element pair");

    private ZaddCommand() {
    }

    private record Flags(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch, boolean incr) {
    }

    static void zadd(Client client, CommandArgs args) {
        boolean nx = false, xx = false, gt = false, lt = false, ch = false, incr = false;
        int i = 2;
        for (; i < args.count(); i++) {
            if (args.is(i, "nx")) {
                nx = true;
            } else if (args.is(i, "xx")) {
                xx = true;
            } else if (args.is(i, "gt")) {
                gt = true;
            } else if (args.is(i, "lt")) {
                lt = true;
            } else if (args.is(i, "ch")) {
                ch = true;
            } else if (args.is(i, "incr")) {
                incr = true;
            } else {
                break;
            }
        }
        int elements = args.count() - i;
        if (elements == 0 || elements % 2 != 0) {
            throw Errors.SYNTAX;
        }
        if (nx && xx) {
            throw XX_AND_NX;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw GT_LT_NX;
        }
        if (incr && elements > 2) {
            throw INCR_PAIRS;
        }
        double[] scores = new double[elements / 2];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = SortedSetCommands.score(args, i + 2 * k);
        }
        run(client, args, i, scores, new Flags(nx, xx, gt, lt, ch, incr));
    }

    static void zincrby(Client client, CommandArgs args) {
        double increment = SortedSetCommands.score(args, 2);
        run(client, args, 2, new double[] {increment}, new Flags(false, false, false, false, false, true));
    }

    private static void run(Client client, CommandArgs args, int first, double[] scores, Flags f) {
        KeyEntry entry = KeyLookup.find(client, args, 1);
        SortedSetValue zset = entry == null ? null : SortedSetCommands.zsetValue(entry);
        int added = 0;
        int updated = 0;
        int processed = 0;
        double last = 0;
        if (zset == null && !f.xx) {
            zset = new SortedSetValue();
            entry = KeyLookup.set(client, args, 1, zset, false);
        }
        for (int k = 0; zset != null && k < scores.length; k++) {
            ByteString member = SortedSetCommands.member(args, first + 2 * k + 1);
            Double current = zset.score(member);
            double score = scores[k];
            if (current == null) {
                if (f.xx) {
                    continue;
                }
                zset.put(member, score);
                added++;
            } else {
                if (f.nx) {
                    continue;
                }
                if (f.incr) {
                    score += current;
                    if (Double.isNaN(score)) {
                        SortedSetCommands.deleteIfEmpty(client, entry, zset);
                        throw SortedSetCommands.NAN_SCORE;
                    }
                }
                if ((f.gt && score <= current) || (f.lt && score >= current)) {
                    continue;
                }
                if (score != current) {
                    zset.put(member, score);
                    updated++;
                }
            }
            processed++;
            last = score;
        }
        if (added + updated > 0) {
            KeyLookup.modified(client, args, 1); // not when no score changed, as in Redis
        }
        if (f.incr) {
            if (processed > 0) {
                SortedSetCommands.writeScore(client.reply(), last);
            } else {
                client.reply().nullValue();
            }
        } else {
            client.reply().integer(f.ch ? added + updated : added);
        }
    }
}
