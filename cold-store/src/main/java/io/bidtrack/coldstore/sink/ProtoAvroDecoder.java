package io.bidtrack.coldstore.sink;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.bidtrack.coldstore.table.LakeTable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a protobuf-encoded message of a lake table's type straight into its Avro row: the same
 * row as {@link LakeParquet#toAvro}{@code (parser.parseFrom(bytes))}, without the message in between.
 *
 * <p>Why: the sink spent most of its time on that detour. Protobuf decodes every string field into
 * a Java String (UTF-8 to UTF-16), parquet-avro encodes each of them back to UTF-8, and the row is
 * read from the message by reflection. Here a string field becomes an Avro {@link Utf8} over a copy
 * of its bytes, which parquet-avro writes as they are. In a profile of the bids sink those three
 * costs were about 18%, 10% and 6% of its thread (`bench cold`, one consumer thread).
 *
 * <p>The rules are protobuf's (proto3): a field absent on the wire has its default (0, "", the enum's
 * value 0, an empty list); the last occurrence of a singular field wins; repeated strings add up;
 * fields this version does not know, or that arrive with another wire type than their own, are
 * skipped, as protobuf keeps them as unknown fields; strings must be valid UTF-8 (the Kafka input is
 * external, and Trino would refuse the file later); an enum number this version does not know is
 * named as protobuf names it ({@code UNKNOWN_ENUM_VALUE_<Type>_<n>}). Truncated or malformed input is
 * refused with {@link InvalidProtocolBufferException}, as {@code parseFrom} refuses it.
 * ProtoAvroDecoderTest checks these rows against the detour's for bids and events.
 *
 * <p>Column types are those {@link LakeTable} allows: strings, repeated strings, enums, doubles and
 * integers of any protobuf encoding.
 */
final class ProtoAvroDecoder {
    private final Schema schema;
    /** By field number; null where the message has no such field. */
    private final FieldDescriptor[] fields;
    /** Avro position of each field, by field number. */
    private final int[] positions;
    /** The rows' values of absent fields, by Avro position; null for repeated fields (a new list each row). */
    private final Object[] defaults;

    ProtoAvroDecoder(LakeTable table, Schema schema) {
        this.schema = schema;
        List<FieldDescriptor> all = table.fields();
        int maxNumber = all.stream().mapToInt(FieldDescriptor::getNumber).max().orElse(0);
        this.fields = new FieldDescriptor[maxNumber + 1];
        this.positions = new int[maxNumber + 1];
        this.defaults = new Object[all.size()];
        for (FieldDescriptor field : all) {
            int position = schema.getField(field.getName()).pos();
            fields[field.getNumber()] = field;
            positions[field.getNumber()] = position;
            defaults[position] = field.isRepeated() ? null : defaultValue(field);
        }
    }

    /** What {@link LakeParquet#toAvro} puts in a row for a field the message does not set. */
    private static Object defaultValue(FieldDescriptor field) {
        Object value = field.getDefaultValue();
        return value instanceof EnumValueDescriptor e ? e.getName() : value;
    }

    /**
     * The row of the message encoded in {@code bytes}.
     *
     * @throws InvalidProtocolBufferException when the bytes are not a message of the table's type
     */
    GenericRecord decode(byte[] bytes) throws InvalidProtocolBufferException {
        GenericData.Record row = new GenericData.Record(schema);
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int number = WireFormat.getTagFieldNumber(tag);
                FieldDescriptor field = number < fields.length ? fields[number] : null;
                if (field == null || WireFormat.getTagWireType(tag) != field.getLiteType().getWireType()) {
                    skipUnknown(in, tag);
                } else if (field.isRepeated()) {
                    repeated(row, positions[number]).add(utf8(in));
                } else {
                    row.put(positions[number], value(in, field));
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            // CodedInputStream over an array reports every problem as InvalidProtocolBufferException.
            throw new InvalidProtocolBufferException(e);
        }
        for (int position = 0; position < defaults.length; position++) {
            if (row.get(position) == null) {
                row.put(position, defaults[position] == null ? List.of() : defaults[position]);
            }
        }
        return row;
    }

    private static void skipUnknown(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            // An end-group tag outside any group: parseFrom refuses it too.
            throw new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> repeated(GenericData.Record row, int position) {
        Object list = row.get(position);
        if (list == null) {
            list = new ArrayList<>(4);
            row.put(position, list);
        }
        return (List<Object>) list;
    }

    private static Object value(CodedInputStream in, FieldDescriptor field) throws IOException {
        return switch (field.getType()) {
            case STRING -> utf8(in);
            case ENUM -> enumName(field, in.readEnum());
            case DOUBLE -> in.readDouble();
            case INT64 -> in.readInt64();
            case UINT64 -> in.readUInt64();
            case SINT64 -> in.readSInt64();
            case FIXED64 -> in.readFixed64();
            case SFIXED64 -> in.readSFixed64();
            case INT32 -> in.readInt32();
            case UINT32 -> in.readUInt32();
            case SINT32 -> in.readSInt32();
            case FIXED32 -> in.readFixed32();
            case SFIXED32 -> in.readSFixed32();
            default -> throw new IllegalStateException("no lake column type for " + field.getFullName()); // LakeTable refuses it
        };
    }

    /** A string field's bytes, checked as protobuf checks a proto3 string. */
    private static Utf8 utf8(CodedInputStream in) throws IOException {
        byte[] bytes = in.readByteArray();
        if (!isAscii(bytes) && !UnsafeByteOperations.unsafeWrap(bytes).isValidUtf8()) { // the check readStringRequireUtf8 makes
            throw new InvalidProtocolBufferException("Protocol message had invalid UTF-8.");
        }
        return new Utf8(bytes);
    }

    /**
     * Nearly every string of a bid is ASCII, which this loop confirms faster than protobuf's general
     * check through a ByteString wrapper (that check, wrapper included, drew 8% of the samples of
     * the write path; with this loop first the path ran a few percent faster).
     */
    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String enumName(FieldDescriptor field, int number) {
        return field.getEnumType().findValueByNumberCreatingIfUnknown(number).getName();
    }
}
