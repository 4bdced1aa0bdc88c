package io.bidtrack.infra.trino;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the launcher runs and where it looks, without starting Trino (the stack's tests do that). */
class TrinoProcessCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty("bidtrack.trino.dir");
        System.clearProperty("bidtrack.home");
    }

    @Test
    void runsTheServerMainWithThisJavaTheFlagsAndTheBuiltClasspath() {
        Path target = Path.of("/opt/bidtrack/infra/trino-server/target");
        List<String> command = TrinoProcess.command(target, 18090, Path.of("/srv/lake"));

        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.getFirst());
        assertTrue(command.containsAll(TrinoProcess.JVM_FLAGS), command.toString());
        String classpath = command.get(command.indexOf("-cp") + 1);
        assertEquals(target.resolve("classes") + File.pathSeparator + target.resolve("lib") + File.separator + "*", classpath);
        assertEquals(List.of(TrinoProcess.MAIN_CLASS, "--port", "18090", "--lake-dir", "/srv/lake", "--watch-stdin"),
                command.subList(command.indexOf(TrinoProcess.MAIN_CLASS), command.size()));
    }

    @Test
    void aLakeInS3IsNamedOnTheCommandLineWithoutItsKeys() {
        TrinoProcess.S3Lake lake = new TrinoProcess.S3Lake("s3://lake/bidtrack", "http://127.0.0.1:9000", "us-east-1", true,
                "AKIDEXAMPLE", "SECRETEXAMPLE");
        List<String> command = TrinoProcess.s3Command(Path.of("/t"), 18090, lake);
        assertEquals(List.of(TrinoProcess.MAIN_CLASS, "--port", "18090", "--lake-s3", "s3://lake/bidtrack", "--s3-region", "us-east-1",
                        "--s3-path-style", "true", "--s3-endpoint", "http://127.0.0.1:9000", "--watch-stdin"),
                command.subList(command.indexOf(TrinoProcess.MAIN_CLASS), command.size()));
        assertTrue(command.stream().noneMatch(arg -> arg.contains("AKIDEXAMPLE") || arg.contains("SECRETEXAMPLE")), command.toString());
        assertFalse(lake.toString().contains("SECRETEXAMPLE"), lake.toString());
    }

    @Test
    void aCatalogFileIsPassedByItsPath() {
        List<String> command = TrinoProcess.catalogCommand(Path.of("/t"), 18090, Path.of("/repo/infra/trino/./catalog/lake.properties"));
        assertEquals(List.of(TrinoProcess.MAIN_CLASS, "--port", "18090", "--catalog-file", "/repo/infra/trino/catalog/lake.properties",
                "--watch-stdin"), command.subList(command.indexOf(TrinoProcess.MAIN_CLASS), command.size()));
    }

    @Test
    void theLakeDirectoryIsPassedNormalized() {
        // Trino's local file system rejects every path under a root like /srv/./lake as "outside of the root".
        List<String> command = TrinoProcess.command(Path.of("/t"), 18090, Path.of("/srv/./data/../lake"));
        assertEquals("/srv/lake", command.get(command.indexOf("--lake-dir") + 1));
    }

    @Test
    void theMainClassNameMatchesTheClass() {
        assertEquals(TrinoServerMain.class.getName(), TrinoProcess.MAIN_CLASS);
    }

    @Test
    void findsTheTargetDirFromThePropertiesOrTheWorkingDirectory() {
        assertEquals(Path.of("infra/trino-server/target").toAbsolutePath(), TrinoProcess.defaultTargetDir());

        System.setProperty("bidtrack.home", "/opt/bidtrack");
        assertEquals(Path.of("/opt/bidtrack/infra/trino-server/target"), TrinoProcess.defaultTargetDir());

        System.setProperty("bidtrack.trino.dir", "/elsewhere/target");
        assertEquals(Path.of("/elsewhere/target"), TrinoProcess.defaultTargetDir());
    }

    @Test
    void refusesToStartFromADirectoryThatHoldsNoBuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrinoProcess.start(dir, 18090, dir.resolve("lake"), dir.resolve("trino.log")));
        assertTrue(e.getMessage().contains("mvn -pl infra/trino-server package"), e.getMessage());
    }
}
