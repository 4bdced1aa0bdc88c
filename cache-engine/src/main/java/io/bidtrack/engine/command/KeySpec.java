package io.bidtrack.engine.command;

import java.util.List;

/**
 * Where a command's keys are (Redis 7 key specifications, reported by COMMAND INFO; cluster
 * clients route with them, COMMAND GETKEYS and the ACL key checks read them through
 * {@link KeyExtraction}). A spec first finds where to start ({@link BeginSearch}), then which
 * arguments from there are keys ({@link FindKeys}).
 *
 * @param notes free text Redis shows with some specs, or null
 * @param flags access flags such as {@code RO}, {@code RW}, {@code access}, {@code update}
 */
public record KeySpec(String notes, List<String> flags, BeginSearch begin, FindKeys find) {

    /** How the search for keys starts. */
    public sealed interface BeginSearch permits Index, Keyword {
    }

    /** At a fixed argument. */
    public record Index(int index) implements BeginSearch {
    }

    /**
     * Just after the first argument equal to {@code keyword} (ignoring case), looked for from
     * {@code startFrom} towards the end, or from {@code argc + startFrom} backwards if negative.
     */
    public record Keyword(String keyword, int startFrom) implements BeginSearch {
    }

    /** Which arguments, from where the search began, are keys. */
    public sealed interface FindKeys permits Range, Keynum {
    }

    /**
     * Every {@code keyStep}-th argument up to {@code lastKey} (relative to the start; negative
     * counts from the end). With {@code limit} > 1 and a negative lastKey, only 1/limit of the
     * remaining arguments (XREAD's keys are followed by as many ids).
     */
    public record Range(int lastKey, int keyStep, int limit) implements FindKeys {
    }

    /** The argument at {@code keynumIdx} counts the keys, which start at {@code firstKey}. */
    public record Keynum(int keynumIdx, int firstKey, int keyStep) implements FindKeys {
    }

    /** Redis' plain form: one index, one range (the only form the legacy first/last/step can describe). */
    public boolean isIndexRange() {
        return begin instanceof Index && find instanceof Range;
    }
}
