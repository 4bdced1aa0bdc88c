package io.bidtrack.infra.trino;

import io.bidtrack.infra.trino.TrinoServerMain.Options;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrinoServerMainOptionsTest {
    @Test
    void defaultsToPort8090AndTheLakeUnderData() {
        Options options = Options.parse();
        assertEquals(8090, options.port());
        assertEquals(Path.of("data", "lake").toAbsolutePath(), options.lakeDir());
        assertFalse(options.watchStdin());
    }

    @Test
    void readsEveryOption() {
        Options options = Options.parse("--port", "18090", "--lake-dir", "/tmp/lake", "--watch-stdin");
        assertEquals(new Options(18090, Path.of("/tmp/lake"), true), options);
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertMessage("unknown option: --prot", "--prot", "1");
        assertMessage("--port needs a value", "--port");
        assertMessage("--port must be a number, got eighty", "--port", "eighty");
        assertMessage("--port must be between 1 and 65535, got 0", "--port", "0");
    }

    @Test
    void lakeCatalogResolvesLocalLocationsInsideTheLakeDir() {
        Map<String, String> properties = TrinoServerMain.lakeCatalogProperties(Path.of("/srv/lake"));
        assertEquals("/srv/lake", properties.get("local.location"));
        assertEquals("local:///metastore", properties.get("hive.metastore.catalog.dir"));
        assertEquals("file", properties.get("hive.metastore"));
        assertEquals("true", properties.get("hive.allow-register-partition-procedure"));
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
