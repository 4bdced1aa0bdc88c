package io.bidtrack.coldstore.sink;

import io.bidtrack.common.ids.BidId.LakePartition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A lake in a bucket of an S3-compatible store (AWS S3, MinIO, ...), below a prefix:
 * {@code s3://bucket/prefix/<table>/dt=/hour=/<file>}, which Trino reads through its native S3 file
 * system.
 *
 * <p>Publishing: the Parquet file is written to a local temporary file, then uploaded with one
 * PutObject to its final key. A PUT is atomic (readers see no object or the whole new one, never a
 * part) and durable once it has returned, so "renamed" means the PUT returned, and the store holds
 * no temporary objects for a crash to leave behind. The exactly-once argument is the local lake's
 * ({@link TableSink}): names come from first and last offsets, and a replay skips what a published
 * name covers. The local file need not be forced to disk: a crash before the PUT returns loses only
 * that copy, and the replay writes the file again. One PUT takes at most 5 GiB, far above what
 * {@code cold.max.bytes.per.file} lets a buffer hold (256 MiB of records by default); beyond that
 * the upload fails with the store's error and the rotation is retried, so set that limit lower.
 *
 * <p>The staging copy is made in {@code java.io.tmpdir} and deleted once uploaded; a process killed
 * during an upload leaves it there (named {@code bidtrack-lake-*.parquet}).
 */
final class S3LakeStorage implements LakeStorage {
    private final LakeLocation.S3 location;
    private final S3Client s3;

    S3LakeStorage(LakeLocation.S3 location) {
        this.location = location;
        this.s3 = client(location);
    }

    private static S3Client client(LakeLocation.S3 location) {
        AwsCredentialsProvider credentials = location.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(location.accessKey(), location.secretKey()));
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(location.pathStyle())
                // The JDK's own HTTP stack: one connection per call is plenty for a few uploads a minute.
                .httpClient(UrlConnectionHttpClient.create());
        if (location.endpoint() != null) {
            // Other stores may not know the flexible checksums AWS S3 computes by default (trailing
            // CRC32 in aws-chunked bodies): send checksums only where an operation requires one.
            builder.endpointOverride(location.endpoint())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    @Override
    public String tableLocation(String table) {
        return location.uri() + "/" + table;
    }

    /** Nothing to do: in S3 a folder is only the common prefix of its objects, and Trino accepts an empty one. */
    @Override
    public void prepareTable(String table) {
    }

    @Override
    public String publish(String table, LakePartition partition, String tempName, Writer writer, StepListener steps) throws IOException {
        Path staged = Files.createTempFile("bidtrack-lake-", ".parquet");
        try {
            String name = writer.writeTo(staged);
            if (name == null) {
                return null;
            }
            steps.reached(SinkStep.WRITTEN);
            // Nothing to force: the durable copy is the object the PUT below creates.
            steps.reached(SinkStep.SYNCED);
            String key = fileKey(table, partition, name);
            try {
                s3.putObject(b -> b.bucket(location.bucket()).key(key), RequestBody.fromFile(staged));
            } catch (SdkException e) {
                throw new IOException("cannot upload " + name + " to s3://" + location.bucket() + "/" + key + ": " + e.getMessage(), e);
            }
            steps.reached(SinkStep.RENAMED);
            return name;
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** The objects {@code <table>/dt=/hour=/<file>}; keys of any other shape are not the sink's. */
    @Override
    public List<LakeFile> list(String table) throws IOException {
        String tablePrefix = location.key(table) + "/";
        List<LakeFile> files = new ArrayList<>();
        for (S3Object object : listObjects(tablePrefix)) {
            String[] parts = object.key().substring(tablePrefix.length()).split("/", -1);
            if (parts.length != 3 || parts[2].isEmpty()) {
                continue;
            }
            Optional<LakePartition> partition = StoredRanges.lakePartitionOf(Path.of(parts[0], parts[1]));
            partition.ifPresent(p -> files.add(new LakeFile(p, parts[2])));
        }
        return files;
    }

    /** Downloads the object to a temporary file in {@code java.io.tmpdir} ({@code bidtrack-lake-read-*}). */
    @Override
    public LocalCopy open(String table, LakeFile file) throws IOException {
        String key = fileKey(table, file.partition(), file.name());
        Path copy = Files.createTempFile("bidtrack-lake-read-", ".part");
        try {
            Files.delete(copy); // the SDK writes a new file and refuses to overwrite one
            s3.getObject(b -> b.bucket(location.bucket()).key(key), ResponseTransformer.toFile(copy));
            return new LocalCopy(copy, true);
        } catch (SdkException e) {
            Files.deleteIfExists(copy);
            throw new IOException("cannot download s3://" + location.bucket() + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String table, LakeFile file) throws IOException {
        String key = fileKey(table, file.partition(), file.name());
        try {
            s3.deleteObject(b -> b.bucket(location.bucket()).key(key)); // deleting a missing key succeeds
        } catch (SdkException e) {
            throw new IOException("cannot delete s3://" + location.bucket() + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<LakePartition> partitions(String table) throws IOException {
        Set<LakePartition> partitions = new HashSet<>();
        list(table).forEach(file -> partitions.add(file.partition()));
        return partitions;
    }

    /** Deletes the partition's objects, a thousand per request (S3's limit); there are no folders to remove. */
    @Override
    public void deletePartition(String table, LakePartition partition) throws IOException {
        String partitionPrefix = location.key(table + "/" + partition.path()) + "/";
        List<ObjectIdentifier> keys = listObjects(partitionPrefix).stream()
                .map(object -> ObjectIdentifier.builder().key(object.key()).build()).toList();
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
            DeleteObjectsResponse response;
            try {
                response = s3.deleteObjects(b -> b.bucket(location.bucket()).delete(Delete.builder().objects(batch).quiet(true).build()));
            } catch (SdkException e) {
                throw new IOException("cannot delete s3://" + location.bucket() + "/" + partitionPrefix + ": " + e.getMessage(), e);
            }
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw new IOException("cannot delete " + response.errors().size() + " object(s) of s3://" + location.bucket()
                        + "/" + partitionPrefix + ", first " + response.errors().getFirst().key() + ": "
                        + response.errors().getFirst().message());
            }
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private String fileKey(String table, LakePartition partition, String name) {
        return location.key(table + "/" + partition.path() + "/" + name);
    }

    private List<S3Object> listObjects(String prefix) throws IOException {
        try {
            List<S3Object> objects = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)).contents().forEach(objects::add);
            return objects;
        } catch (SdkException e) {
            throw new IOException("cannot list s3://" + location.bucket() + "/" + prefix + ": " + e.getMessage(), e);
        }
    }
}
