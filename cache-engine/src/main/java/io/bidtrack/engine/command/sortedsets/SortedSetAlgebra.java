package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.bytes.ByteString;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.KeyLookup;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.KeyEntry;
import io.bidtrack.engine.keyspace.SetValue;
import io.bidtrack.engine.keyspace.SortedSetValue;
import io.bidtrack.engine.keyspace.ZSkipList;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (Redis' zunionInterDiffGenericCommand).
 * Plain sets are accepted as inputs, every member scoring 1, as in Redis.
 */
final class SortedSetAlgebra {
    private static final RedisError BAD_WEIGHT = new RedisError("ERR weight value is not a float");
    private static final RedisError BAD_LIMIT = new RedisError("ERR LIMIT can't be negative");

    private enum Op { UNION, INTER, DIFF }

    private enum Aggregate { SUM, MIN, MAX }

    private SortedSetAlgebra() {
    }

    static void register(CommandTable table) {
        for (Op op : Op.values()) {
            String name = "z" + op.name().toLowerCase(java.util.Locale.ROOT);
            table.add(CommandSpec.named(name).arity(-3).flags("readonly", "movablekeys")
                    .keynum(1, 0, 1, 1, "RO", "access")
                    .acl("@read", "@sortedset", "@slow").handler((c, a) -> combine(c, a, op, false, false)).build());
            table.add(CommandSpec.named(name + "store").arity(-4).flags("write", "denyoom", "movablekeys")
                    .keys(1, 1, 1, "OW", "update").keynum(2, 0, 1, 1, "RO", "access")
                    .acl("@write", "@sortedset", "@slow")
                    .signalsModifiedKeys().handler((c, a) -> combine(c, a, op, true, false)).build());
        }
        table.add(CommandSpec.named("zintercard").arity(-3).flags("readonly", "movablekeys")
                .keynum(1, 0, 1, 1, "RO", "access").acl("@read", "@sortedset", "@slow")
                .handler((c, a) -> combine(c, a, Op.INTER, false, true)).build());
    }

    /** An input: a member-to-score view of a sorted set or a plain set, or null for a missing key. */
    private record Source(SortedSetValue zset, SetValue set, double weight) {
        int size() {
            return zset != null ? zset.size() : set != null ? set.size() : 0;
        }

        Double score(ByteString member) {
            if (zset != null) {
                return zset.score(member);
            }
            return set != null && set.contains(member) ? 1.0 : null;
        }

        /** Members with weighted scores, in the source's order. */
        void forEach(java.util.function.BiConsumer<ByteString, Double> action) {
            if (zset != null) {
                for (ZSkipList.Node n = zset.order().head(); n != null; n = n.next()) {
                    action.accept(ByteString.wrap(n.member()), n.score());
                }
            } else if (set != null) {
                set.forEach(m -> action.accept(m, 1.0));
            }
        }
    }

    /** {@code card}: ZINTERCARD, which takes LIMIT instead of WEIGHTS, AGGREGATE and WITHSCORES. */
    private static void combine(Client client, CommandArgs args, Op op, boolean store, boolean card) {
        String fullName = args.text(0).toLowerCase(java.util.Locale.ROOT);
        int numkeysArg = store ? 2 : 1;
        long setnum = args.longValue(numkeysArg);
        if (setnum < 1) {
            throw new RedisError("ERR at least 1 input key is needed for '" + fullName + "' command");
        }
        if (setnum > args.count() - (numkeysArg + 1)) {
            throw Errors.SYNTAX;
        }
        int n = (int) setnum;
        Object[] values = new Object[n];
        int j = numkeysArg + 1;
        for (int i = 0; i < n; i++, j++) {
            KeyEntry entry = KeyLookup.findForRead(client, args, j);
            if (entry != null && !(entry.value() instanceof SortedSetValue) && !(entry.value() instanceof SetValue)) {
                throw Errors.WRONG_TYPE;
            }
            values[i] = entry == null ? null : entry.value();
        }
        double[] weights = new double[n];
        Arrays.fill(weights, 1.0);
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        while (j < args.count()) {
            int remaining = args.count() - j;
            if (op != Op.DIFF && !card && remaining >= n + 1 && args.is(j, "weights")) {
                j++;
                for (int i = 0; i < n; i++, j++) {
                    try {
                        weights[i] = Scores.parse(args.data(), args.offset(j), args.length(j));
                    } catch (Scores.NotAFloat e) {
                        throw BAD_WEIGHT;
                    }
                }
            } else if (op != Op.DIFF && !card && remaining >= 2 && args.is(j, "aggregate")) {
                j++;
                if (args.is(j, "sum")) {
                    aggregate = Aggregate.SUM;
                } else if (args.is(j, "min")) {
                    aggregate = Aggregate.MIN;
                } else if (args.is(j, "max")) {
                    aggregate = Aggregate.MAX;
                } else {
                    throw Errors.SYNTAX;
                }
                j++;
            } else if (!store && !card && args.is(j, "withscores")) {
                j++;
                withScores = true;
            } else if (card && remaining >= 2 && args.is(j, "limit")) {
                try {
                    limit = args.longValue(j + 1);
                } catch (RuntimeException e) {
                    throw BAD_LIMIT;
                }
                if (limit < 0) {
                    throw BAD_LIMIT;
                }
                j += 2;
            } else {
                throw Errors.SYNTAX;
            }
        }
        Source[] sources = new Source[n];
        for (int i = 0; i < n; i++) {
            sources[i] = new Source(values[i] instanceof SortedSetValue z ? z : null,
                    values[i] instanceof SetValue s ? s : null, weights[i]);
        }
        if (card) {
            client.reply().integer(interCard(sources, limit));
            return;
        }
        Map<ByteString, Double> result = switch (op) {
            case UNION -> union(sources, aggregate);
            case INTER -> inter(sources, aggregate);
            case DIFF -> diff(sources);
        };
        List<Scored> items = new ArrayList<>(result.size());
        result.forEach((m, s) -> items.add(new Scored(m.bytes(), s)));
        items.sort(Comparator.comparingDouble(Scored::score)
                .thenComparing(Scored::member, Arrays::compareUnsigned));
        if (store) {
            Scored.store(client, args, 1, items);
        } else {
            Scored.write(client.reply(), items, withScores);
        }
    }

    /** weight * score, where inf * 0 (NaN) counts as 0, as in Redis. */
    private static double weighted(double weight, double score) {
        double v = weight * score;
        return Double.isNaN(v) ? 0 : v;
    }

    private static double aggregate(Aggregate aggregate, double current, double value) {
        return switch (aggregate) {
            case SUM -> {
                double sum = current + value;
                yield Double.isNaN(sum) ? 0 : sum; // inf + -inf
            }
            case MIN -> Math.min(current, value);
            case MAX -> Math.max(current, value);
        };
    }

    private static Map<ByteString, Double> union(Source[] sources, Aggregate aggregate) {
        Map<ByteString, Double> result = new HashMap<>();
        Source[] bySize = sources.clone();
        // Redis sums in order of input size; floating-point sums of three or more depend on the order.
        Arrays.sort(bySize, Comparator.comparingInt(Source::size));
        for (Source source : bySize) {
            source.forEach((m, s) -> result.merge(m, weighted(source.weight(), s),
                    (a, b) -> aggregate(aggregate, a, b)));
        }
        return result;
    }

    private static Map<ByteString, Double> inter(Source[] sources, Aggregate aggregate) {
        Map<ByteString, Double> result = new LinkedHashMap<>();
        Source[] bySize = sources.clone();
        Arrays.sort(bySize, Comparator.comparingInt(Source::size));
        if (bySize[0].size() == 0) {
            return result;
        }
        bySize[0].forEach((m, s) -> {
            double score = weighted(bySize[0].weight(), s);
            for (int k = 1; k < bySize.length; k++) {
                Double other = bySize[k].score(m);
                if (other == null) {
                    return;
                }
                score = aggregate(aggregate, score, weighted(bySize[k].weight(), other));
            }
            result.put(m, score);
        });
        return result;
    }

    /** How many members all sources share, counting no further than {@code limit} (0: no limit). */
    private static long interCard(Source[] sources, long limit) {
        Source[] bySize = sources.clone();
        Arrays.sort(bySize, Comparator.comparingInt(Source::size));
        long[] count = {0};
        bySize[0].forEach((m, s) -> {
            if (limit > 0 && count[0] >= limit) {
                return;
            }
            for (int k = 1; k < bySize.length; k++) {
                if (bySize[k].score(m) == null) {
                    return;
                }
            }
            count[0]++;
        });
        return count[0];
    }

    private static Map<ByteString, Double> diff(Source[] sources) {
        Map<ByteString, Double> result = new HashMap<>();
        sources[0].forEach((m, s) -> {
            for (int k = 1; k < sources.length; k++) {
                if (sources[k].score(m) != null) {
                    return;
                }
            }
            result.put(m, s);
        });
        return result;
    }
}
