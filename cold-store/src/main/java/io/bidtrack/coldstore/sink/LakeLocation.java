package io.bidtrack.coldstore.sink;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the lake is: a local directory ({@link Local}), or a bucket of an S3-compatible store,
 * optionally below a prefix ({@link S3}). Setting {@code lake.dir} to {@code ./data/lake} or to
 * {@code s3://bucket/prefix} chooses one.
 */
public sealed interface LakeLocation permits LakeLocation.Local, LakeLocation.S3 {
    /** The lake as it is named in logs: a path or an {@code s3://} URI (never with keys). */
    String describe();

    /** A local directory, the one Trino's local file system is rooted at. */
    record Local(Path dir) implements LakeLocation {
        public Local {
            if (dir == null) {
                throw new IllegalArgumentException("the lake directory must be set");
            }
        }

        @Override
        public String describe() {
            return dir.toAbsolutePath().normalize().toString();
        }
    }

    /**
     * A prefix of an S3 bucket.
     *
     * @param bucket    the bucket, which must exist
     * @param prefix    the folder of the lake inside the bucket, without leading or trailing slash;
     *                  empty for the bucket's root
     * @param endpoint  the store's URL ({@code http://127.0.0.1:9000} for a local MinIO), or null for AWS itself
     * @param region    the signing region; MinIO-likes accept any, us-east-1 by convention
     * @param accessKey null together with {@code secretKey} for the AWS SDK's default credentials
     *                  (environment, profile, instance role)
     * @param pathStyle buckets addressed as {@code http://host/bucket/key}, as MinIO-likes need, rather
     *                  than as {@code http://bucket.host/key}
     */
    record S3(String bucket, String prefix, URI endpoint, String region, String accessKey, String secretKey,
              boolean pathStyle) implements LakeLocation {
        /** S3's rule for new bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. */
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        public static final String SCHEME = "s3://";

        public S3 {
            if (bucket == null || !BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException("'" + bucket + "' is not a bucket name (3 to 63 lower-case letters,"
                        + " digits, dots and hyphens)");
            }
            prefix = prefix == null ? "" : trimSlashes(prefix);
            if (prefix.contains("//")) {
                throw new IllegalArgumentException("the lake's prefix '" + prefix + "' has an empty folder name");
            }
            if (endpoint != null && !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                throw new IllegalArgumentException("the endpoint must be an http:// or https:// URL, got '" + endpoint + "'");
            }
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException("the region must be set");
            }
            if ((accessKey == null) != (secretKey == null)) {
                throw new IllegalArgumentException("the access key and the secret key go together: set both or neither");
            }
        }

        /** Whether {@code lakeDir} names a lake in S3 rather than a directory. */
        public static boolean isS3(String lakeDir) {
            return lakeDir.startsWith(SCHEME);
        }

        /**
         * The lake at {@code uri} ({@code s3://bucket} or {@code s3://bucket/prefix}), reached with the
         * other settings given.
         */
        public static S3 of(String uri, URI endpoint, String region, String accessKey, String secretKey, boolean pathStyle) {
            if (!isS3(uri)) {
                throw new IllegalArgumentException("'" + uri + "' does not start with " + SCHEME);
            }
            String rest = uri.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            return new S3(bucket, prefix, endpoint, region, accessKey, secretKey, pathStyle);
        }

        /** {@code s3://bucket/prefix}, or {@code s3://bucket} without a prefix. */
        public String uri() {
            return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        }

        /** The key of an object at {@code path} (slash-separated, relative to the lake). */
        public String key(String path) {
            return prefix.isEmpty() ? path : prefix + "/" + path;
        }

        @Override
        public String describe() {
            return uri() + " at " + (endpoint == null ? "AWS S3" : endpoint);
        }

        /** Without the secret key, which would otherwise land in logs with the record. */
        @Override
        public String toString() {
            return "S3[" + describe() + ", region " + region + (pathStyle ? ", path-style" : "")
                    + (accessKey == null ? ", default credentials" : ", access key " + accessKey) + "]";
        }

        private static String trimSlashes(String text) {
            int from = 0;
            int to = text.length();
            while (from < to && text.charAt(from) == '/') {
                from++;
            }
            while (to > from && text.charAt(to - 1) == '/') {
                to--;
            }
            return text.substring(from, to);
        }
    }
}
