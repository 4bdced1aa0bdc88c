package io.bidtrack.engine.command.sortedsets;

import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.ZSkipList;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.Arrays;

/** Score ranges ({@code (1 5}, {@code -inf +inf}) and lex ranges ({@code [a (b - +}) as Redis parses them. */
final class Ranges {
    static final RedisError NOT_A_FLOAT_RANGE = new RedisError("ERR min or max is not a float");
    static final RedisError NOT_A_LEX_RANGE = new RedisError("ERR min or max not valid string range item");

    private Ranges() {
    }

    /** A range over the order: members from the first passing {@code aboveMin} to the last passing {@code belowMax}. */
    interface Range {
        ZSkipList.Bound aboveMin();

        ZSkipList.Bound belowMax();

        /** Redis' early "empty range" check (min above max), before any lookup. */
        boolean isEmpty();
    }

    record ScoreRange(double min, boolean minEx, double max, boolean maxEx) implements Range {
        public ZSkipList.Bound aboveMin() {
            return (score, member) -> minEx ? score > min : score >= min;
        }

        public ZSkipList.Bound belowMax() {
            return (score, member) -> maxEx ? score < max : score <= max;
        }

        public boolean isEmpty() {
            return min > max || (min == max && (minEx || maxEx));
        }
    }

    /** A lex bound: {@code null} bytes with {@code infinite} -1 is "-", +1 is "+". */
    record LexRange(byte[] min, boolean minEx, int minInf, byte[] max, boolean maxEx, int maxInf) implements Range {
        public ZSkipList.Bound aboveMin() {
            return (score, member) -> {
                if (minInf != 0) {
                    return minInf < 0;
                }
                int c = Arrays.compareUnsigned(member, min);
                return minEx ? c > 0 : c >= 0;
            };
        }

        public ZSkipList.Bound belowMax() {
            return (score, member) -> {
                if (maxInf != 0) {
                    return maxInf > 0;
                }
                int c = Arrays.compareUnsigned(member, max);
                return maxEx ? c < 0 : c <= 0;
            };
        }

        public boolean isEmpty() {
            if (minInf > 0 || maxInf < 0) {
                return true;
            }
            if (minInf < 0 || maxInf > 0) {
                return false;
            }
            int c = Arrays.compareUnsigned(min, max);
            return c > 0 || (c == 0 && (minEx || maxEx));
        }
    }

    static ScoreRange score(CommandArgs args, int minArg, int maxArg) {
        String min = args.text(minArg);
        String max = args.text(maxArg);
        try {
            boolean minEx = min.startsWith("(");
            boolean maxEx = max.startsWith("(");
            return new ScoreRange(Scores.parseBound(minEx ? min.substring(1) : min), minEx,
                    Scores.parseBound(maxEx ? max.substring(1) : max), maxEx);
        } catch (Scores.NotAFloat e) {
            throw NOT_A_FLOAT_RANGE;
        }
    }

    static LexRange lex(CommandArgs args, int minArg, int maxArg) {
        byte[] min = args.copy(minArg);
        byte[] max = args.copy(maxArg);
        int minInf = infinity(min);
        int maxInf = infinity(max);
        return new LexRange(minInf == 0 ? item(min) : null, min[0] == '(', minInf,
                maxInf == 0 ? item(max) : null, max[0] == '(', maxInf);
    }

    private static int infinity(byte[] item) {
        if (item.length == 1 && item[0] == '-') {
            return -1;
        }
        if (item.length == 1 && item[0] == '+') {
            return 1;
        }
        if (item.length == 0 || (item[0] != '(' && item[0] != '[')) {
            throw NOT_A_LEX_RANGE;
        }
        return 0;
    }

    private static byte[] item(byte[] text) {
        return Arrays.copyOfRange(text, 1, text.length);
    }
}
