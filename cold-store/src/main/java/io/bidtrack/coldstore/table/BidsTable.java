package io.bidtrack.coldstore.table;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The lake table {@code lake.bidtrack.bids} ({@link LakeTable#BIDS}): one column per {@link BidRecord}
 * field, in field order (id first), then the partition columns dt and hour; and the queries that
 * look bids up by id.
 */
public final class BidsTable {
    public static final String QUALIFIED = LakeTable.BIDS.qualified();
    /** The table's folder below the lake; Trino's local file system is rooted at the lake directory. */
    public static final String DIRECTORY = LakeTable.BIDS.directory();
    public static final List<FieldDescriptor> FIELDS = LakeTable.BIDS.fields();
    private static final String COLUMNS = LakeTable.BIDS.columnList();

    private BidsTable() {
    }

    /**
     * Which columns a lookup selects: all of them, or only what attribution reads. The id is in
     * every set (results are keyed by it).
     * <p>
     * <b>Why it matters.</b> For an {@code id IN (...)} list Trino reads the pages of the id column
     * whose min/max may hold one of the ids (the page index), then the selected columns of the rows
     * that match. Over the sink's small files, whose id ranges overlap, that is most of the id
     * column; over a compacted hour, about one page per id. Measured on the sink's files of
     * 1,000,000 bids an hour (EXPLAIN ANALYZE of one {@code WHERE dt AND hour AND id IN (250 ids)}):
     * all 39 columns cost 497 ms of CPU, {@code id, campaign_id, creative_id, price_cpm} 113 ms,
     * {@code id} alone 98 ms. Everything beyond the id grows with the columns selected, so
     * attribution selects only its four.
     */
    public enum Columns {
        /** What an event's attribution reads: id, campaign_id, creative_id, price_cpm. */
        ATTRIBUTION(BidRecord.ID_FIELD_NUMBER, BidRecord.CAMPAIGN_ID_FIELD_NUMBER, BidRecord.CREATIVE_ID_FIELD_NUMBER,
                BidRecord.PRICE_CPM_FIELD_NUMBER),
        /** The whole bid ({@code GET /bids/{id}}, the benchmarks). */
        ALL(FIELDS.stream().mapToInt(FieldDescriptor::getNumber).toArray());

        private final List<FieldDescriptor> fields;

        Columns(int... fieldNumbers) {
            this.fields = Arrays.stream(fieldNumbers).mapToObj(BidRecord.getDescriptor()::findFieldByNumber).toList();
        }

        /** The fields this set selects, in the order of the {@code SELECT}. */
        public List<FieldDescriptor> fields() {
            return fields;
        }

        /** The columns, comma-separated, as the {@code SELECT} lists them. */
        String sqlList() {
            return fields.stream().map(FieldDescriptor::getName).collect(Collectors.joining(", "));
        }
    }

    public static String sqlType(FieldDescriptor field) {
        return LakeTable.sqlType(field);
    }

    public static String createSchemaSql() {
        return LakeTable.createSchemaSql();
    }

    public static String createTableSql() {
        return LakeTable.BIDS.createTableSql();
    }

    /** Makes a partition folder the sink has written to visible to queries. */
    public static String registerPartitionSql(LakePartition partition) {
        return LakeTable.BIDS.registerPartitionSql(partition);
    }

    /**
     * The query for one bid. The literals come from a parsed UUID and the partition computed from it,
     * never from raw input, so they cannot inject SQL; the dt/hour predicate prunes to one folder.
     */
    public static String selectByIdSql(UUID bidId) {
        LakePartition partition = BidId.partitionOf(bidId);
        return "SELECT " + COLUMNS + " FROM " + QUALIFIED + " WHERE dt = '" + partition.dt()
                + "' AND hour = '" + partition.hour() + "' AND id = '" + bidId + "'";
    }

    /**
     * The query for several bids of one lake partition: {@code WHERE dt = ? AND hour = ? AND id IN
     * (...)}, one folder read for all of them. As in {@link #selectByIdSql}, every literal comes
     * from a parsed UUID; callers group ids by {@link BidId#partitionOf} first.
     *
     * @throws IllegalArgumentException when {@code ids} is empty or an id lies outside {@code partition}
     */
    public static String selectByIdsSql(LakePartition partition, Collection<UUID> ids) {
        return selectByIdsSql(partition, ids, Columns.ALL);
    }

    /**
     * As {@link #selectByIdsSql(LakePartition, Collection)}, selecting only {@code columns}: read its
     * rows with {@link #fromRow(ResultSet, Columns)}.
     */
    public static String selectByIdsSql(LakePartition partition, Collection<UUID> ids, Columns columns) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no ids to look up");
        }
        for (UUID id : ids) {
            if (!BidId.partitionOf(id).equals(partition)) {
                throw new IllegalArgumentException("bid " + id + " is not in partition " + partition.path());
            }
        }
        String idList = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        return "SELECT " + columns.sqlList() + " FROM " + QUALIFIED + " WHERE dt = '" + partition.dt()
                + "' AND hour = '" + partition.hour() + "' AND id IN (" + idList + ")";
    }

    /** The bid in the current row of a result whose columns are {@link #FIELDS}, in order. */
    public static BidRecord fromRow(ResultSet row) throws SQLException {
        return LakeTable.BIDS.fromRow(row, BidRecord.newBuilder()).build();
    }

    /**
     * The bid in the current row of a result whose columns are {@code columns}' fields, in order. For
     * {@link Columns#ATTRIBUTION} it is a partial bid: the other fields are at their defaults.
     */
    public static BidRecord fromRow(ResultSet row, Columns columns) throws SQLException {
        return LakeTable.BIDS.fromRow(row, BidRecord.newBuilder(), columns.fields()).build();
    }
}
