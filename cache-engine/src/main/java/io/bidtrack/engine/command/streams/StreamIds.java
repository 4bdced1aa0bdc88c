package io.bidtrack.engine.command.streams;

import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.keyspace.StreamId;
import io.bidtrack.engine.resp.CommandArgs;

/** Parses stream IDs as Redis' streamGenericParseIDOrReply does, errors word for word. */
final class StreamIds {
    static final RedisError INVALID = new RedisError("ERR Invalid stream ID specified as stream command argument");
    static final RedisError INVALID_START = new RedisError("ERR invalid start ID for the interval");
    static final RedisError INVALID_END = new RedisError("ERR invalid end ID for the interval");

    private StreamIds() {
    }

    /** "-", "+", "ms" (seq = missingSeq) or "ms-seq". */
    static StreamId parse(CommandArgs args, int i, long missingSeq) {
        return parse(args.text(i), missingSeq, false);
    }

    /** Like {@link #parse} but "-" and "+" are refused (XADD, XDEL, XACK, ...). */
    static StreamId parseStrict(CommandArgs args, int i) {
        return parse(args.text(i), 0, true);
    }

    /** The ID or null instead of an error (XCLAIM tells IDs from options this way). */
    static StreamId tryStrict(CommandArgs args, int i) {
        try {
            return parse(args.text(i), 0, true);
        } catch (RedisError e) {
            return null;
        }
    }

    static StreamId parse(String text, long missingSeq, boolean strict) {
        if (text.length() > 127) {
            throw INVALID;
        }
        if (text.equals("-") || text.equals("+")) {
            if (strict) {
                throw INVALID;
            }
            return text.equals("-") ? StreamId.MIN : StreamId.MAX;
        }
        int dash = text.indexOf('-');
        long ms = unsigned(dash < 0 ? text : text.substring(0, dash));
        long seq = dash < 0 ? missingSeq : unsigned(text.substring(dash + 1));
        return new StreamId(ms, seq);
    }

    /** An interval end: "(" + strict ID means exclusive, moved inwards by one. */
    static StreamId interval(CommandArgs args, int i, boolean start) {
        String text = args.text(i);
        if (text.length() > 1 && text.charAt(0) == '(') {
            StreamId id = parse(text.substring(1), start ? 0 : -1L, true);
            StreamId moved = start ? id.next() : id.previous();
            if (moved == null) {
                throw start ? INVALID_START : INVALID_END;
            }
            return moved;
        }
        return parse(text, start ? 0 : -1L, false);
    }

    /** Redis' string2ull: decimal digits (strtoull also takes leading blanks and '+'), up to 2^64-1. */
    static long unsigned(String s) {
        String digits = s.stripLeading();
        if (!digits.equals(s) || digits.startsWith("+")) {
            digits = digits.startsWith("+") ? digits.substring(1) : digits;
        }
        if (digits.isEmpty() || digits.length() > 20) {
            throw INVALID;
        }
        for (int k = 0; k < digits.length(); k++) {
            if (digits.charAt(k) < '0' || digits.charAt(k) > '9') {
                throw INVALID;
            }
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw INVALID;
        }
    }
}
