/**
 * Compaction: once an hour is closed, the many small files the sink wrote into its partition (one
 * per Kafka partition and rotation: 180 an hour at the defaults) are merged into one file sorted by
 * the table's lookup column, in {@link io.bidtrack.coldstore.sink.LakeParquet.Layout#COMPACTED}.
 *
 * <p>Why: a cold lookup of many ids ({@code id IN (...)}) reads, in each file, the pages whose id
 * range may hold one of them. Over 180 small files whose ranges overlap that is most of the hour;
 * over one sorted file with small pages it is about one page per id. Lookups of bids older than
 * the hot window, nearly all cold lookups, therefore read compacted hours.
 *
 * <p>Steps of one partition ({@link Compactor}), each safe to crash after:
 * <ol>
 *   <li>a manifest naming the files to merge and the file that replaces them is published
 *       (hidden from Trino: its name starts with a dot);</li>
 *   <li>the merged file is written and published whole, under a name derived from its sources.
 *       Until the next pass, Trino sees each row twice (lookups by id do not mind), so that
 *       queries which listed the sources before can still read them;</li>
 *   <li>the next pass deletes the sources, then the manifest.</li>
 * </ol>
 * After a crash, the next pass finds the manifest: if the merged file was published it finishes
 * step 3; if not, it deletes the manifest and the half-written file, and the sources are merged
 * again later. Only files whose records the sink has committed to Kafka are merged: a sink that
 * restarts may look for its uncommitted files by name to skip what they hold, and those are left
 * alone (see {@link io.bidtrack.coldstore.sink.LakeFileName}).
 */
package io.bidtrack.coldstore.compaction;
