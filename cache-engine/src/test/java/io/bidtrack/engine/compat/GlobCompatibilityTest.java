package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bidtrack.engine.testing.Reply;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Glob matching (KEYS, SCAN MATCH, PSUBSCRIBE share it) against Redis, edge cases included. */
class GlobCompatibilityTest extends CompatibilityTest {
    private static final List<String> KEYS = List.of("", "a", "b", "ab", "abc", "abcd", "a*c", "a?c", "a[c",
            "a]c", "a-c", "a\\c", "-", "]", "[", "^", "x^y", "hello", "hallo", "hxllo", "heello", "h llo",
            "user:1", "user:22", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "A", "Z", "z");
    private static final List<String> PATTERNS = List.of("*", "?", "??", "a*", "*c", "a*c", "a?c", "a\\*c",
            "a\\?c", "a[*]c", "a[?]c", "a[[]c", "a[]]c", "a[\\]]c", "a[-]c", "a[a-c]", "a[c-a]", "a[^b]c",
            "a[!b]c", "[^a]", "[a-]", "[a-", "[abc", "a[", "a\\", "\\a", "h[ae]llo", "h[^e]llo", "h[a-b]llo",
            "h*llo", "h?llo", "*ll*", "***", "*a*a*a*a*a*a*a*a*b", "user:[0-9]", "user:[0-9][0-9]", "[A-Z]",
            "[a-Z]", "[Z-a]", "^", "x[\\^]y", "\\", "[\\", "[]", "[^]", "[a-b-c]", "*[", "?*?", "**c");

    @Test
    void keysMatchesLikeRedis() {
        for (String key : KEYS) {
            sameArgs("SET", key, "v");
        }
        for (String pattern : PATTERNS) {
            assertEquals(sorted(reference.call("KEYS", pattern)), sorted(subject.call("KEYS", pattern)),
                    "KEYS " + pattern);
        }
    }

    private static TreeSet<String> sorted(Reply reply) {
        TreeSet<String> keys = new TreeSet<>();
        reply.elements().forEach(r -> keys.add(r.text()));
        return keys;
    }
}
