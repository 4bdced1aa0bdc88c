package io.bidtrack.common.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnvTest {

    @Test
    void remembersEveryKeyAskedForInOrderWhetherSetOrNot() {
        Env env = new Env(Map.of("BIDTRACK_HTTP_PORT", "9000", "BIDTRACK_HOT_WINDOW", "2h"));

        assertEquals(9000, env.integer("http.port", 8080));
        assertEquals(Duration.ofHours(2), env.duration("hot.window", Duration.ofHours(1)));
        assertEquals("x", env.string("not.set", "x"));
        assertEquals(true, env.bool("some.flag", true));
        env.integer("http.port", 1); // a second read does not list the key twice

        assertEquals(List.of("http.port", "hot.window", "not.set", "some.flag"), List.copyOf(env.keysRead()));
    }

    @Test
    void aKeyWhoseValueIsRejectedWasStillRead() {
        Env env = new Env(Map.of("BIDTRACK_HTTP_PORT", "eighty"));

        assertThrows(IllegalArgumentException.class, () -> env.integer("http.port", 8080));

        assertEquals(List.of("http.port"), List.copyOf(env.keysRead()));
    }

    @Test
    void theKeysAreACopy() {
        Env env = new Env(Map.of());
        var before = env.keysRead();
        env.string("later", null);

        assertEquals(List.of(), List.copyOf(before));
        assertThrows(UnsupportedOperationException.class, () -> env.keysRead().add("x"));
    }
}
