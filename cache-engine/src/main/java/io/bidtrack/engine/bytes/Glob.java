package io.bidtrack.engine.bytes;

/**
 * Redis-style glob matching ({@code KEYS}, {@code SCAN MATCH}, {@code PSUBSCRIBE}) on raw bytes.
 *
 * <p>Supports {@code *}, {@code ?}, {@code [abc]}, {@code [^abc]}, {@code [a-z]} and {@code \}
 * escapes, including Redis' quirks (an unterminated {@code [} set runs to the end of the pattern;
 * reversed ranges are swapped; an empty subject only matches an empty pattern).
 *
 * <p>Unlike a naive recursive matcher, this one is iterative: on a mismatch it only backtracks to
 * the most recent {@code *}. That bounds the work to O(pattern * subject) and uses no stack, so a
 * hostile pattern such as {@code "*a*a*a*a*...b"} cannot stall the engine thread.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(byte[] pattern, byte[] subject) {
        return matches(pattern, 0, pattern.length, subject, 0, subject.length);
    }

    public static boolean matches(byte[] p, int pOff, int pLen, byte[] s, int sOff, int sLen) {
        int pEnd = pOff + pLen;
        int sEnd = sOff + sLen;
        if (sLen == 0) {
            // Redis never enters its matching loop for an empty subject, so even "*" fails here.
            return pLen == 0;
        }
        int pi = pOff;
        int si = sOff;
        int starPattern = -1; // pattern position just after the last '*' seen
        int starSubject = -1; // subject position that '*' is currently assumed to stop at
        while (si < sEnd) {
            if (pi < pEnd && p[pi] == '*') {
                while (pi < pEnd && p[pi] == '*') {
                    pi++;
                }
                if (pi == pEnd) {
                    return true;
                }
                starPattern = pi;
                starSubject = si;
                continue;
            }
            int next = pi < pEnd ? matchOne(p, pi, pEnd, s[si]) : -1;
            if (next >= 0) {
                pi = next;
                si++;
            } else if (starPattern >= 0) {
                // Let the last '*' swallow one more byte and retry the rest of the pattern.
                pi = starPattern;
                si = ++starSubject;
            } else {
                return false;
            }
        }
        while (pi < pEnd && p[pi] == '*') {
            pi++;
        }
        return pi == pEnd;
    }

    /**
     * Matches the single pattern element at {@code pi} ('?', a set, an escape or a literal) against
     * byte {@code c}. Returns the position after the element, or -1 when it does not match.
     */
    private static int matchOne(byte[] p, int pi, int pEnd, byte c) {
        byte first = p[pi];
        if (first == '?') {
            return pi + 1;
        }
        if (first == '[') {
            return matchSet(p, pi + 1, pEnd, c);
        }
        if (first == '\\' && pEnd - pi >= 2) {
            pi++;
        }
        return p[pi] == c ? pi + 1 : -1;
    }

    private static int matchSet(byte[] p, int pi, int pEnd, byte c) {
        boolean negate = pi < pEnd && p[pi] == '^';
        if (negate) {
            pi++;
        }
        boolean matched = false;
        while (true) {
            if (pi >= pEnd) {
                // Unterminated set: Redis treats the end of the pattern as its end.
                break;
            }
            int remaining = pEnd - pi;
            if (p[pi] == '\\' && remaining >= 2) {
                pi++;
                if (p[pi] == c) {
                    matched = true;
                }
            } else if (p[pi] == ']') {
                pi++;
                break;
            } else if (remaining >= 3 && p[pi + 1] == '-') {
                int start = p[pi] & 0xff;
                int end = p[pi + 2] & 0xff;
                if (start > end) {
                    int t = start;
                    start = end;
                    end = t;
                }
                int ch = c & 0xff;
                if (ch >= start && ch <= end) {
                    matched = true;
                }
                pi += 2;
            } else if (p[pi] == c) {
                matched = true;
            }
            pi++;
        }
        return matched != negate ? pi : -1;
    }
}
