/**
 * The cold store's sinks: Kafka topics into Parquet files of the lake, each record exactly once.
 *
 * <p>One {@link io.bidtrack.coldstore.sink.TableSink} per table, each on its own thread and in its
 * own consumer group, described by a {@link io.bidtrack.coldstore.sink.SinkTable}:
 * <ul>
 *   <li>topic {@code bids} into {@code lake.bidtrack.bids} under {@code <lake>/bids/dt=/hour=/}, partitioned
 *       by the bid's UUIDv7 time, rows sorted by {@code id} with a bloom filter on it;</li>
 *   <li>topic {@code tracking-events} into {@code lake.bidtrack.events} under {@code <lake>/events/dt=/hour=/},
 *       partitioned by the event's {@code received_at_ms}, rows sorted by {@code bid_id} with a bloom
 *       filter on it ("the events of bid X"), enums stored as their names.</li>
 * </ul>
 * Columns, Avro schema and row conversion all come from the protobuf descriptor
 * ({@link io.bidtrack.coldstore.table.LakeTable}, {@link io.bidtrack.coldstore.sink.LakeParquet}); the
 * sinks decode each record once, when its file is written, from the protobuf wire format straight into
 * its Avro row ({@link io.bidtrack.coldstore.sink.ProtoAvroDecoder}).
 *
 * <p>A rotation (every {@code rotate}, or when a buffer reaches {@code cold.max.records.per.file} or
 * {@code cold.max.bytes.per.file}) writes each buffer to a temporary file, forces it to disk, renames it
 * to {@code <table>+<partition>+<first>-<last>.parquet} ({@link io.bidtrack.coldstore.sink.LakeFiles}),
 * registers new partitions in Trino and then commits the offsets; {@link io.bidtrack.coldstore.sink.StoredRanges}
 * keeps a replay after a crash from storing anything twice.
 *
 * <p>The lake is a local directory or a prefix of an S3 bucket ({@code lake.dir=s3://bucket/prefix}, with
 * the {@code s3.*} settings: {@link io.bidtrack.coldstore.sink.LakeLocation}); the sinks reach it through
 * {@link io.bidtrack.coldstore.sink.LakeStorage}. Locally a file is published by temporary file, fsync and
 * rename ({@link io.bidtrack.coldstore.sink.LocalLakeStorage}); in S3 by one PutObject of a locally written
 * file to its final key, atomic and durable once it returns ({@link io.bidtrack.coldstore.sink.S3LakeStorage}). Retention ({@code cold.retention}, default
 * 90 days, checked at start and every {@code cold.retention.check}) drops older partitions from Trino
 * and the lake ({@link io.bidtrack.coldstore.sink.Retention}).
 */
package io.bidtrack.coldstore.sink;
