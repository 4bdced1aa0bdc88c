package io.bidtrack.coldstore.table;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The lake table {@code lake.bidtrack.bids}: one column per {@link BidRecord} field, with the
 * field's own snake_case name, in field order (id first), then the partition columns dt and hour.
 * The columns are derived from the protobuf descriptor so that the table, the Parquet files and the
 * lookup cannot drift apart when a field is added.
 */
public final class BidsTable {
    public static final String QUALIFIED = Names.LAKE_CATALOG + "." + Names.LAKE_SCHEMA + "." + Names.BIDS_TABLE;
    /** The table's folder below the lake; Trino's local file system is rooted at the lake directory. */
    public static final String DIRECTORY = Names.BIDS_TABLE;
    public static final List<FieldDescriptor> FIELDS = BidRecord.getDescriptor().getFields();

    private BidsTable() {
    }

    public static String sqlType(FieldDescriptor field) {
        if (field.isRepeated()) {
            if (field.getJavaType() != FieldDescriptor.JavaType.STRING) {
                throw new IllegalStateException("no lake column type for " + field.getFullName());
            }
            return "array(varchar)";
        }
        return switch (field.getJavaType()) {
            case STRING -> "varchar";
            case DOUBLE -> "double";
            case LONG -> "bigint";
            case INT -> "integer";
            default -> throw new IllegalStateException("no lake column type for " + field.getFullName());
        };
    }

    public static String createSchemaSql() {
        return "CREATE SCHEMA IF NOT EXISTS " + Names.LAKE_CATALOG + "." + Names.LAKE_SCHEMA;
    }

    public static String createTableSql() {
        String columns = FIELDS.stream().map(f -> f.getName() + " " + sqlType(f)).collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + QUALIFIED + " (" + columns + ", dt varchar, hour varchar)"
                + " WITH (format = 'PARQUET', partitioned_by = ARRAY['dt', 'hour'],"
                + " external_location = 'local:///" + DIRECTORY + "')";
    }

    /** Makes a partition folder the sink has written to visible to queries. */
    public static String registerPartitionSql(LakePartition partition) {
        return "CALL " + Names.LAKE_CATALOG + ".system.register_partition('" + Names.LAKE_SCHEMA + "', '"
                + Names.BIDS_TABLE + "', ARRAY['dt', 'hour'], ARRAY['" + partition.dt() + "', '" + partition.hour() + "'])";
    }

    /**
     * The query for one bid. The literals come from a parsed UUID and the partition computed from it,
     * never from raw input, so they cannot inject SQL; the dt/hour predicate prunes to one folder.
     */
    public static String selectByIdSql(UUID bidId) {
        LakePartition partition = BidId.partitionOf(bidId);
        String columns = FIELDS.stream().map(FieldDescriptor::getName).collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + QUALIFIED + " WHERE dt = '" + partition.dt()
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
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no ids to look up");
        }
        for (UUID id : ids) {
            if (!BidId.partitionOf(id).equals(partition)) {
                throw new IllegalArgumentException("bid " + id + " is not in partition " + partition.path());
            }
        }
        String columns = FIELDS.stream().map(FieldDescriptor::getName).collect(Collectors.joining(", "));
        String idList = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + QUALIFIED + " WHERE dt = '" + partition.dt()
                + "' AND hour = '" + partition.hour() + "' AND id IN (" + idList + ")";
    }

    /** The bid in the current row of a result whose columns are {@link #FIELDS}, in order. */
    public static BidRecord fromRow(ResultSet row) throws SQLException {
        BidRecord.Builder bid = BidRecord.newBuilder();
        for (int i = 0; i < FIELDS.size(); i++) {
            FieldDescriptor field = FIELDS.get(i);
            int column = i + 1;
            if (field.isRepeated()) {
                java.sql.Array array = row.getArray(column);
                if (array != null) {
                    for (Object item : (Object[]) array.getArray()) {
                        bid.addRepeatedField(field, String.valueOf(item));
                    }
                }
                continue;
            }
            Object value = switch (field.getJavaType()) {
                case STRING -> row.getString(column);
                case DOUBLE -> row.getDouble(column);
                case LONG -> row.getLong(column);
                case INT -> row.getInt(column);
                default -> throw new IllegalStateException("no lake column type for " + field.getFullName());
            };
            // A null (a file written before the column existed) stays the proto default.
            if (!row.wasNull() && value != null) {
                bid.setField(field, value);
            }
        }
        return bid.build();
    }
}
