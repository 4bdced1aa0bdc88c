package io.bidtrack.dashboard.sources;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineFiguresTest {
    @Test
    void readsInfoFieldsOverRespTwoAndThree() {
        String info = "# Memory\r\nused_memory:1234\r\nused_memory_human:1.21K\r\n\r\n# Keyspace\r\ndb0:keys=3,expires=1,avg_ttl=0\r\n";
        Map<String, String> fields = EngineFigures.parseInfo(info);
        assertEquals("1234", fields.get("used_memory"));
        assertEquals("keys=3,expires=1,avg_ttl=0", fields.get("db0"));
        assertEquals(fields, EngineFigures.parseInfo("txt:" + info), "a RESP3 verbatim string's format prefix");
        EngineFigures figures = new EngineFigures(fields, 3);
        assertEquals(1234.0, figures.number("used_memory"));
        assertTrue(Double.isNaN(figures.number("used_memory_human")));
        assertTrue(Double.isNaN(figures.number("no_such_field")));
    }

    @Test
    void thePageNeverShowsThePassword() {
        assertEquals("redis://dashboard@127.0.0.1:6379", EngineSource.withoutPassword("redis://dashboard:dashboard-demo@127.0.0.1:6379"));
        assertEquals("redis://127.0.0.1:6379", EngineSource.withoutPassword("redis://:secret@127.0.0.1:6379"));
        assertEquals("redis://127.0.0.1:6379", EngineSource.withoutPassword("redis://127.0.0.1:6379"));
    }
}
