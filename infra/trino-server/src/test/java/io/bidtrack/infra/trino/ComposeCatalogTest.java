package io.bidtrack.infra.trino;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compose stack's catalog file (infra/trino/catalog/lake.properties) is the catalog this server
 * builds for a lake in S3 ({@code --lake-s3}), property for property: the compose stack and
 * {@code ./bidtrack demo} over S3 configure Trino alike, and a setting added to one is missed in
 * the other only with this test failing. (infra/stack's ComposeLakeTest runs the file on Trino.)
 */
class ComposeCatalogTest {
    /** The tests run in the module's folder, infra/trino-server. */
    private static final Path FILE = Path.of("../trino/catalog/lake.properties");

    @Test
    void theComposeCatalogIsTheS3LakeCatalogOfThisServer() throws Exception {
        TrinoServerMain.CatalogFile catalog = TrinoServerMain.CatalogFile.read(FILE);
        assertEquals(TrinoServerMain.CATALOG, catalog.name());

        Map<String, String> file = catalog.properties();
        String metastore = file.get("hive.metastore.catalog.dir");
        assertTrue(metastore != null && metastore.endsWith("/metastore"), "the metastore in the lake: " + metastore);
        TrinoServerMain.S3Options lake = new TrinoServerMain.S3Options(metastore.substring(0, metastore.length() - "/metastore".length()),
                file.get("s3.endpoint"), file.get("s3.region"), Boolean.parseBoolean(file.get("s3.path-style-access")));
        // The keys are references to the variables this server reads them from, resolved by Trino.
        Map<String, String> built = TrinoServerMain.s3LakeCatalogProperties(lake,
                "${ENV:" + TrinoServerMain.ACCESS_KEY_VARIABLE + "}", "${ENV:" + TrinoServerMain.SECRET_KEY_VARIABLE + "}");
        assertEquals(built, file);
    }
}
