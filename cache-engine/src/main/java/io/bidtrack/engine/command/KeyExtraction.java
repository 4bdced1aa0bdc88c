package io.bidtrack.engine.command;

import io.bidtrack.engine.bytes.Numbers;
import io.bidtrack.engine.resp.CommandArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which arguments of a command are keys, read from its key specs as Redis 7.0's
 * getKeysFromCommandWithSpecs does: for COMMAND GETKEYS(ANDFLAGS), the ACL key checks and the
 * keys a tracking client reads.
 *
 * <p>Where the specs cannot answer, Redis falls back to the command's own parser (its
 * "getkeys_proc"), and so does this class, because clients see the difference:
 * <ul>
 *   <li>a spec with {@code variable_flags} (SET: the key is only read with the GET option);</li>
 *   <li>a malformed spec result (numkeys 0, negative, not an integer, more keys than arguments;
 *       STREAMS with nothing after it). The numkeys commands' parsers then read the count with C's
 *       {@code atoi} ("2x" is 2) and report keys without flags; the STREAMS parsers find no keys.</li>
 * </ul>
 */
public final class KeyExtraction {
    private KeyExtraction() {
    }

    /**
     * A key: its argument position (counted from the command name, 0) and the flags of the spec
     * that found it, empty when a fallback parser found it.
     */
    public record KeyRef(int position, List<String> flags) {
    }

    private static final List<String> SET_WITH_GET = List.of("RW", "access", "update");
    private static final List<String> SET_WITHOUT_GET = List.of("OW", "update");

    /** Whether the command has keys at all (Redis' doesCommandHaveKeys). */
    public static boolean hasKeys(CommandSpec spec) {
        return !spec.keySpecs().isEmpty();
    }

    /**
     * The keys of the command whose name is argument {@code base} of {@code args} (0 for a
     * command as received, more when it is named inside COMMAND GETKEYS or ACL DRYRUN); positions
     * are relative to {@code base}. Empty when the arguments are malformed: the command itself
     * then reports its error.
     */
    public static List<KeyRef> keys(CommandSpec spec, CommandArgs args, int base) {
        if (hasVariableFlags(spec)) {
            return variableFlags(spec, args, base);
        }
        List<KeyRef> keys = fromSpecs(spec, args, base);
        return keys != null ? keys : fallback(spec, args, base);
    }

    private static boolean hasVariableFlags(CommandSpec spec) {
        for (KeySpec ks : spec.keySpecs()) {
            if (ks.flags().contains("variable_flags")) {
                return true;
            }
        }
        return false;
    }

    /** Keys from the specs, in spec order; null if a spec meets arguments it cannot describe. */
    private static List<KeyRef> fromSpecs(CommandSpec spec, CommandArgs args, int base) {
        int argc = args.count() - base;
        List<KeyRef> keys = new ArrayList<>();
        for (KeySpec ks : spec.keySpecs()) {
            int first = switch (ks.begin()) {
                case KeySpec.Index index -> index.index();
                case KeySpec.Keyword keyword -> afterKeyword(keyword, args, base);
            };
            if (first == 0) {
                continue; // keyword absent: this spec names no keys
            }
            int last;
            int step;
            switch (ks.find()) {
                case KeySpec.Range range -> {
                    if (range.lastKey() >= 0) {
                        last = first + range.lastKey();
                    } else if (range.limit() == 0) {
                        last = argc + range.lastKey();
                    } else {
                        last = first + (argc - first) / range.limit() + range.lastKey();
                    }
                    step = range.keyStep();
                }
                case KeySpec.Keynum keynum -> {
                    int at = first + keynum.keynumIdx();
                    if (at >= argc) {
                        return null;
                    }
                    long count;
                    try {
                        count = args.longValue(base + at);
                    } catch (Numbers.NotANumber e) {
                        return null;
                    }
                    if (count < 0) {
                        return null;
                    }
                    first += keynum.firstKey();
                    // Redis adds the count as a C int: a count past 2^31 wraps, as it does there.
                    last = first + (int) count - 1;
                    step = keynum.keyStep();
                }
            }
            if (last >= argc || last < first || first >= argc) {
                return null;
            }
            for (int i = first; i <= last; i += step) {
                keys.add(new KeyRef(i, ks.flags()));
            }
        }
        return keys;
    }

    /**
     * The position after the keyword, or 0 if absent. Redis scans from startfrom up to, not
     * including, the last argument (backwards down to argument 1 for a negative startfrom).
     */
    private static int afterKeyword(KeySpec.Keyword keyword, CommandArgs args, int base) {
        int argc = args.count() - base;
        String word = keyword.keyword().toLowerCase(Locale.ROOT);
        int start = keyword.startFrom() > 0 ? keyword.startFrom() : argc + keyword.startFrom();
        int end = keyword.startFrom() > 0 ? argc - 1 : 0;
        int direction = start <= end ? 1 : -1;
        for (int i = start; i != end; i += direction) {
            if (i >= argc || i < 1) {
                break;
            }
            if (args.is(base + i, word)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** SET (Redis' setGetKeys): the key is read too when a GET option follows the value. */
    private static List<KeyRef> variableFlags(CommandSpec spec, CommandArgs args, int base) {
        if (!spec.name().equals("set")) {
            throw new IllegalStateException("no key parser for " + spec.fullName());
        }
        for (int i = 3; i < args.count() - base; i++) {
            if (args.is(base + i, "get")) {
                return List.of(new KeyRef(1, SET_WITH_GET));
            }
        }
        return List.of(new KeyRef(1, SET_WITHOUT_GET));
    }

    /**
     * The command's own parser, for arguments the specs cannot describe. The numkeys commands
     * (Redis' genericGetKeys) read the count with atoi, want 1 to as many keys as arguments
     * remain, and name the fixed-position keys (a STORE destination) after the counted ones.
     */
    private static List<KeyRef> fallback(CommandSpec spec, CommandArgs args, int base) {
        int argc = args.count() - base;
        KeySpec counted = null;
        for (KeySpec ks : spec.keySpecs()) {
            if (ks.find() instanceof KeySpec.Keynum) {
                counted = ks;
            }
        }
        if (counted == null || !(counted.begin() instanceof KeySpec.Index index)) {
            return List.of();
        }
        KeySpec.Keynum keynum = (KeySpec.Keynum) counted.find();
        int firstKey = index.index() + keynum.firstKey();
        int step = keynum.keyStep();
        int count = atoi(args, base + index.index() + keynum.keynumIdx());
        if (count < 1 || count > (argc - firstKey) / step) {
            return List.of();
        }
        List<KeyRef> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(new KeyRef(firstKey + i * step, List.of()));
        }
        for (KeySpec ks : spec.keySpecs()) {
            if (ks != counted && ks.begin() instanceof KeySpec.Index fixed) {
                keys.add(new KeyRef(fixed.index(), List.of()));
            }
        }
        return keys;
    }

    /**
     * C's atoi as glibc has it, (int) strtol: leading white space, a sign, digits up to the first
     * other byte; out of range clamps to a long, then keeps the low 32 bits.
     */
    static int atoi(CommandArgs args, int i) {
        byte[] data = args.data();
        int p = args.offset(i);
        int end = p + args.length(i);
        while (p < end && (data[p] == ' ' || (data[p] >= '\t' && data[p] <= '\r'))) {
            p++;
        }
        boolean negative = false;
        if (p < end && (data[p] == '+' || data[p] == '-')) {
            negative = data[p] == '-';
            p++;
        }
        long value = 0;
        boolean overflow = false;
        for (; p < end && data[p] >= '0' && data[p] <= '9'; p++) {
            int digit = data[p] - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                overflow = true;
            } else {
                value = value * 10 + digit;
            }
        }
        if (overflow) {
            value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else if (negative) {
            value = -value;
        }
        return (int) value;
    }
}
