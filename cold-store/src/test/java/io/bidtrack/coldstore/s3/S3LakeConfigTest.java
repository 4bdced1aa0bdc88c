package io.bidtrack.coldstore.s3;

import io.bidtrack.coldstore.ColdStoreConfig;
import io.bidtrack.coldstore.sink.LakeLocation;
import io.bidtrack.common.config.Env;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lake.dir=s3://bucket/prefix} and the {@code s3.*} settings, as the cold store reads them. */
class S3LakeConfigTest {
    @Test
    void anS3UriMakesALakeInS3WithDefaultsForMinioLikes() {
        ColdStoreConfig config = ColdStoreConfig.fromEnv(new Env(Map.of(
                "BIDTRACK_LAKE_DIR", "s3://lake/bidtrack/", "BIDTRACK_S3_ENDPOINT", "http://127.0.0.1:9000",
                "BIDTRACK_S3_ACCESS_KEY", "minio", "BIDTRACK_S3_SECRET_KEY", "minio-secret")));
        assertEquals(new LakeLocation.S3("lake", "bidtrack", URI.create("http://127.0.0.1:9000"), "us-east-1", "minio",
                "minio-secret", true), config.lake());
        assertEquals("s3://lake/bidtrack", ((LakeLocation.S3) config.lake()).uri());
        assertNull(config.lakeDir(), "no local directory");
        assertFalse(config.toString().contains("minio-secret"), "the secret key stays out of logs: " + config);
    }

    @Test
    void everyS3SettingIsRead() {
        LakeLocation lake = ColdStoreConfig.fromEnv(new Env(Map.of(
                "BIDTRACK_LAKE_DIR", "s3://my.bucket", "BIDTRACK_S3_REGION", "eu-west-3", "BIDTRACK_S3_PATH_STYLE", "false"))).lake();
        assertEquals(new LakeLocation.S3("my.bucket", "", null, "eu-west-3", null, null, false), lake,
                "AWS itself (no endpoint), its default credentials (no keys), virtual-host addressing");
        assertEquals("s3://my.bucket", ((LakeLocation.S3) lake).uri());
        assertEquals("a/b/bids/x", new LakeLocation.S3("b12", "/a/b/", null, "us-east-1", null, null, true).key("bids/x"));
    }

    @Test
    void aPathStaysALocalLake() {
        ColdStoreConfig config = ColdStoreConfig.fromEnv(new Env(Map.of("BIDTRACK_LAKE_DIR", "/srv/lake",
                "BIDTRACK_S3_ENDPOINT", "http://ignored:9000")));
        assertEquals(new LakeLocation.Local(Path.of("/srv/lake")), config.lake());
        assertEquals(Path.of("/srv/lake"), config.lakeDir());
    }

    @Test
    void badSettingsAreRefusedNamingTheirVariable() {
        assertMessage(Map.of("BIDTRACK_LAKE_DIR", "s3://"), "BIDTRACK_LAKE_DIR", "is not a bucket name");
        assertMessage(Map.of("BIDTRACK_LAKE_DIR", "s3://Upper_Case/x"), "BIDTRACK_LAKE_DIR", "is not a bucket name");
        assertMessage(Map.of("BIDTRACK_LAKE_DIR", "s3://lake/a//b"), "BIDTRACK_LAKE_DIR", "empty folder name");
        assertMessage(Map.of("BIDTRACK_LAKE_DIR", "s3://lake", "BIDTRACK_S3_ENDPOINT", "127.0.0.1:9000"),
                "BIDTRACK_S3_ENDPOINT", "must be an http:// or https:// URL");
        assertMessage(Map.of("BIDTRACK_LAKE_DIR", "s3://lake", "BIDTRACK_S3_ACCESS_KEY", "minio"),
                "BIDTRACK_S3_SECRET_KEY", "only s3.access.key is set");
        assertMessage(Map.of("BIDTRACK_LAKE_DIR", "s3://lake", "BIDTRACK_S3_PATH_STYLE", "maybe"),
                "BIDTRACK_S3_PATH_STYLE", "must be true or false");
    }

    private static void assertMessage(Map<String, String> variables, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColdStoreConfig.fromEnv(new Env(variables)));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }
}
