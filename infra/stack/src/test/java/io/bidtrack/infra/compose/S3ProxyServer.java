package io.bidtrack.infra.compose;

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
 * The S3-compatible store that stands in for MinIO, in this JVM: s3proxy over jclouds' filesystem
 * back end, checking AWS signatures against the key pair the compose file gives MinIO. (cold-store's
 * tests run the same server, with their own keys, in their own S3ProxyServer.)
 */
final class S3ProxyServer implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStoreContext store;

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext store) {
        this.proxy = proxy;
        this.store = store;
    }

    /** Starts on a free port of 127.0.0.1, keeping objects below {@code dir}, with {@code bucket} created. */
    static S3ProxyServer start(Path dir, String accessKey, String secretKey, String bucket) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        // By its metadata rather than by name: a lookup by name loads every provider s3proxy registers.
        BlobStoreContext store = ContextBuilder.newBuilder(new FilesystemApiMetadata())
                .overrides(properties)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // Trino's listings ask for x-amz-optional-object-attributes, which s3proxy otherwise answers 501 to.
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
        store.getBlobStore().createContainerInLocation(null, bucket);
        return new S3ProxyServer(proxy, store);
    }

    /** {@code http://127.0.0.1:<port>} */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        store.close();
    }
}
