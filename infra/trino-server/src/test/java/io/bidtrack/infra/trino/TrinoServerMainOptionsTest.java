package io.bidtrack.infra.trino;

import io.bidtrack.infra.trino.TrinoServerMain.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrinoServerMainOptionsTest {
    @TempDir
    Path dir;

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
    void readsALakeInS3() {
        Options options = Options.parse("--lake-s3", "s3://lake/bidtrack/", "--s3-endpoint", "http://127.0.0.1:9000",
                "--s3-region", "eu-west-1", "--s3-path-style", "false");
        assertEquals(new TrinoServerMain.S3Options("s3://lake/bidtrack", "http://127.0.0.1:9000", "eu-west-1", false), options.s3());
        assertEquals(new TrinoServerMain.S3Options("s3://lake", null, "us-east-1", true), Options.parse("--lake-s3", "s3://lake").s3());
        assertEquals(null, Options.parse().s3(), "a local lake unless asked");
    }

    @Test
    void theS3CatalogUsesTheNativeFileSystemAndKeepsTheMetastoreInTheBucket() {
        Map<String, String> properties = TrinoServerMain.s3LakeCatalogProperties(
                new TrinoServerMain.S3Options("s3://lake/bidtrack", "http://127.0.0.1:9000", "us-east-1", true), "key", "secret");
        assertEquals("true", properties.get("fs.native-s3.enabled"));
        assertEquals("s3://lake/bidtrack/metastore", properties.get("hive.metastore.catalog.dir"));
        assertEquals("http://127.0.0.1:9000", properties.get("s3.endpoint"));
        assertEquals("true", properties.get("s3.path-style-access"));
        assertEquals("key", properties.get("s3.aws-access-key"));
        assertEquals("secret", properties.get("s3.aws-secret-key"));
        assertFalse(TrinoServerMain.s3LakeCatalogProperties(new TrinoServerMain.S3Options("s3://lake", null, "us-east-1", false),
                null, null).containsKey("s3.aws-access-key"), "no keys: the AWS SDK's default credentials");
    }

    @Test
    void readsACatalogFile() {
        assertEquals(Path.of("etc/catalog/lake.properties").toAbsolutePath(),
                Options.parse("--catalog-file", "etc/catalog/lake.properties").catalogFile());
        assertEquals(null, Options.parse().catalogFile());
        assertMessage("--catalog-file and --lake-s3 exclude each other", "--catalog-file", "lake.properties", "--lake-s3", "s3://b");
    }

    @Test
    void aCatalogFileNamesTheCatalogAndItsConnectorAndPassesTheRestOnUnchanged() throws IOException {
        Path file = dir.resolve("warehouse.properties");
        Files.writeString(file, """
                # a comment
                connector.name=hive
                hive.metastore=file
                s3.aws-access-key=${ENV:BIDTRACK_S3_ACCESS_KEY}
                """);
        TrinoServerMain.CatalogFile catalog = TrinoServerMain.CatalogFile.read(file);
        assertEquals("warehouse", catalog.name());
        assertEquals(Map.of("hive.metastore", "file", "s3.aws-access-key", "${ENV:BIDTRACK_S3_ACCESS_KEY}"), catalog.properties());
    }

    @Test
    void aCatalogFileOfAnotherConnectorOrNameIsRejected() throws IOException {
        Path other = dir.resolve("lake.properties");
        Files.writeString(other, "connector.name=iceberg\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrinoServerMain.CatalogFile.read(other));
        assertTrue(e.getMessage().contains("connector.name must be hive"), e.getMessage());
        Path badName = dir.resolve("lake.conf");
        Files.writeString(badName, "connector.name=hive\n");
        e = assertThrows(IllegalArgumentException.class, () -> TrinoServerMain.CatalogFile.read(badName));
        assertTrue(e.getMessage().contains("<catalog>.properties"), e.getMessage());
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertMessage("--lake-s3 must be s3://bucket or s3://bucket/prefix, got /srv/lake", "--lake-s3", "/srv/lake");
        assertMessage("--s3-path-style must be true or false, got yes", "--lake-s3", "s3://b", "--s3-path-style", "yes");
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
