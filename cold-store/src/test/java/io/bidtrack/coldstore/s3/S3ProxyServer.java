package io.bidtrack.coldstore.s3;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real S3-compatible server for the tests, in this JVM: s3proxy over jclouds' filesystem back end,
 * which keeps each object as a file below a folder ({@code <dir>/<bucket>/<key>}). It checks AWS
 * signatures (v2 and v4) against one fixed key pair, as MinIO would.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "bidtrack-test";
    public static final String SECRET_KEY = "bidtrack-test-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext store;

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext store) {
        this.proxy = proxy;
        this.store = store;
    }

    /** Starts on a free port of 127.0.0.1, keeping objects below {@code dir}, with {@code buckets} created. */
    public static S3ProxyServer start(Path dir, String... buckets) throws Exception {
        return startWithKeys(dir, ACCESS_KEY, SECRET_KEY, buckets);
    }

    /** As {@link #start(Path, String...)}, checking signatures against the given key pair (as MinIO would with its root user). */
    public static S3ProxyServer startWithKeys(Path dir, String accessKey, String secretKey, String... buckets) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        // By its metadata rather than by name: a lookup by name loads every provider s3proxy registers,
        // and the cloud SDKs those need are left out of the test classpath.
        BlobStoreContext store = ContextBuilder.newBuilder(new FilesystemApiMetadata())
                .overrides(properties)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // Trino's listings ask for the objects' restore status (x-amz-optional-object-attributes, to
                // skip archived objects), which s3proxy does not know and otherwise answers 501 to.
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                store.close();
                throw new IllegalStateException("s3proxy did not start within 10 s: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        for (String bucket : buckets) {
            store.getBlobStore().createContainerInLocation(null, bucket);
        }
        return new S3ProxyServer(proxy, store);
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        store.close();
    }
}
