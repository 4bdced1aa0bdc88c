package io.bidtrack.coldstore.table;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.bidtrack.common.Names;
import io.bidtrack.common.ids.BidId.LakePartition;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.TrackingEvent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Trino table of the lake whose rows are the messages of one protobuf type: one column per field,
 * with the field's own snake_case name, in field order, then the partition columns dt and hour
 * (UTC day and hour, which live in the folder names {@code dt=/hour=} as Hive expects). Deriving the
 * columns from the descriptor keeps the table, the Parquet files and the lookups from drifting apart
 * when a field is added.
 *
 * <p>Column types: strings are varchar, enums varchar holding the value's name ({@code IMPRESSION},
 * {@code HOT}: readable in SQL, and stable when numbers are reordered), int32 integer, int64 bigint,
 * double double, repeated strings array(varchar). Other field types are refused when the table is
 * defined, so a new field of another type fails the build's tests rather than a running sink.
 *
 * @param name       the table's name in Trino and its folder below the lake directory
 * @param descriptor the protobuf type of its rows
 */
public record LakeTable(String name, Descriptor descriptor) {
    public static final LakeTable BIDS = new LakeTable(Names.BIDS_TABLE, BidRecord.getDescriptor());
    public static final LakeTable EVENTS = new LakeTable(Names.EVENTS_TABLE, TrackingEvent.getDescriptor());

    public LakeTable {
        descriptor.getFields().forEach(LakeTable::sqlType); // refuses a field without a column type now
    }

    public List<FieldDescriptor> fields() {
        return descriptor.getFields();
    }

    /** {@code lake.bidtrack.<name>} */
    public String qualified() {
        return Names.LAKE_CATALOG + "." + Names.LAKE_SCHEMA + "." + name;
    }

    /** The table's folder below the lake; Trino's local file system is rooted at the lake directory. */
    public String directory() {
        return name;
    }

    /** The data columns, comma-separated, in field order: what a {@code SELECT} for {@link #fromRow} lists. */
    public String columnList() {
        return fields().stream().map(FieldDescriptor::getName).collect(Collectors.joining(", "));
    }

    public static String sqlType(FieldDescriptor field) {
        if (field.isRepeated()) {
            if (field.getJavaType() != FieldDescriptor.JavaType.STRING) {
                throw new IllegalStateException("no lake column type for " + field.getFullName());
            }
            return "array(varchar)";
        }
        return switch (field.getJavaType()) {
            case STRING, ENUM -> "varchar";
            case DOUBLE -> "double";
            case LONG -> "bigint";
            case INT -> "integer";
            default -> throw new IllegalStateException("no lake column type for " + field.getFullName());
        };
    }

    public static String createSchemaSql() {
        return "CREATE SCHEMA IF NOT EXISTS " + Names.LAKE_CATALOG + "." + Names.LAKE_SCHEMA;
    }

    /** The table over its folder in a local lake ({@code local:///<name>}). */
    public String createTableSql() {
        return createTableSql("local:///" + directory());
    }

    /**
     * The table over the folder {@code location}, as Trino names it: {@code local:///bids} in a local
     * lake, {@code s3://bucket/prefix/bids} in S3 (see the sink's {@code LakeStorage#tableLocation}).
     */
    public String createTableSql(String location) {
        if (location.contains("'")) {
            throw new IllegalArgumentException("a table location may not contain a quote: " + location);
        }
        String columns = fields().stream().map(f -> f.getName() + " " + sqlType(f)).collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + qualified() + " (" + columns + ", dt varchar, hour varchar)"
                + " WITH (format = 'PARQUET', partitioned_by = ARRAY['dt', 'hour'],"
                + " external_location = '" + location + "')";
    }

    /** Makes a partition folder the sink has written to visible to queries. */
    public String registerPartitionSql(LakePartition partition) {
        return partitionProcedureSql("register_partition", partition);
    }

    /**
     * Makes the metastore forget a partition, so that queries no longer read it. Its files stay:
     * the Hive connector's procedure leaves the data alone, and retention deletes the folder itself.
     */
    public String unregisterPartitionSql(LakePartition partition) {
        return partitionProcedureSql("unregister_partition", partition);
    }

    /** The partitions the metastore knows, one row (dt, hour) each. */
    public String registeredPartitionsSql() {
        return "SELECT dt, hour FROM " + Names.LAKE_CATALOG + "." + Names.LAKE_SCHEMA + ".\"" + name + "$partitions\"";
    }

    private String partitionProcedureSql(String procedure, LakePartition partition) {
        // The partition's values come from LakeHours (digits and dashes), never from raw input.
        return "CALL " + Names.LAKE_CATALOG + ".system." + procedure + "('" + Names.LAKE_SCHEMA + "', '" + name
                + "', ARRAY['dt', 'hour'], ARRAY['" + partition.dt() + "', '" + partition.hour() + "'])";
    }

    /**
     * Fills {@code message} from the current row of a result whose first columns are {@link #fields()},
     * in order ({@link #columnList()}). A null (a file written before the column existed) leaves the
     * field at its protobuf default, and so does an enum name this version does not know.
     */
    public <B extends Message.Builder> B fromRow(ResultSet row, B message) throws SQLException {
        return fromRow(row, message, fields());
    }

    /** As {@link #fromRow(ResultSet, Message.Builder)}, for a result whose columns are {@code fields}, in order. */
    public <B extends Message.Builder> B fromRow(ResultSet row, B message, List<FieldDescriptor> fields) throws SQLException {
        for (int i = 0; i < fields.size(); i++) {
            FieldDescriptor field = fields.get(i);
            int column = i + 1;
            if (field.isRepeated()) {
                java.sql.Array array = row.getArray(column);
                if (array != null) {
                    for (Object item : (Object[]) array.getArray()) {
                        message.addRepeatedField(field, String.valueOf(item));
                    }
                }
                continue;
            }
            Object value = switch (field.getJavaType()) {
                case STRING -> row.getString(column);
                case ENUM -> enumValue(field, row.getString(column));
                case DOUBLE -> row.getDouble(column);
                case LONG -> row.getLong(column);
                case INT -> row.getInt(column);
                default -> throw new IllegalStateException("no lake column type for " + field.getFullName());
            };
            if (!row.wasNull() && value != null) {
                message.setField(field, value);
            }
        }
        return message;
    }

    /** The value of an enum field named {@code name}, or null when there is none of that name. */
    public static EnumValueDescriptor enumValue(FieldDescriptor field, String name) {
        return name == null ? null : field.getEnumType().findValueByName(name);
    }
}
