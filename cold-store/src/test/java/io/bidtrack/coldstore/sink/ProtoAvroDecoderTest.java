package io.bidtrack.coldstore.sink;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.bidtrack.coldstore.TestBids;
import io.bidtrack.coldstore.TestEvents;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.EventType;
import io.bidtrack.common.proto.Tier;
import io.bidtrack.common.proto.TrackingEvent;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Rows decoded straight from the wire ({@link LakeParquet#decode}) are the rows of the decoded
 * message ({@link LakeParquet#toAvro}), and what protobuf refuses is refused.
 */
class ProtoAvroDecoderTest {
    private static final long NOW = 1_760_000_000_000L;

    @Test
    void bidsDecodeToTheRowsOfTheirMessages() throws Exception {
        BidRecord full = TestBids.full(BidId.mintAt(NOW), 1);
        List<BidRecord> bids = List.of(
                full,
                BidRecord.newBuilder().setId(BidId.mintAt(NOW).toString()).build(), // every other field at its default
                full.toBuilder().clearContentCategories().addContentCategories("IAB1").addContentCategories("IAB2-3")
                        .addAdCategories("").setWidth(-1).setCreatedAtMs(Long.MIN_VALUE).setPriceCpm(-0.5)
                        .setCity("Zürich ✓ 𝄞").build(), // negative numbers, non-ASCII text, an empty list item
                full.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(1000, UnknownFieldSet.Field.newBuilder().addVarint(7).addLengthDelimited(ByteString.copyFromUtf8("x")).build())
                        .addField(999, UnknownFieldSet.Field.newBuilder().addGroup(UnknownFieldSet.newBuilder()
                                .addField(1, UnknownFieldSet.Field.newBuilder().addFixed32(3).build()).build()).build())
                        .build()).build()); // fields a newer producer added: skipped
        for (BidRecord bid : bids) {
            assertSameRow(LakeParquet.BIDS, bid, bid.toByteArray());
        }
        GenericRecord row = LakeParquet.BIDS.decode(full.toByteArray());
        assertInstanceOf(Utf8.class, row.get("ifa"), "strings stay UTF-8 bytes, which parquet-avro writes as they are");
        assertEquals(full.getId(), LakeParquet.BIDS.lookupValue(row).toString());
    }

    @Test
    void eventsDecodeToTheRowsOfTheirMessagesWithEnumsAsNames() throws Exception {
        String bidId = BidId.mintAt(NOW).toString();
        List<TrackingEvent> events = List.of(
                TestEvents.full(bidId, EventType.INSTALL, Tier.COLD, NOW, 1),
                TestEvents.full(bidId, EventType.IMPRESSION, Tier.UNMATCHED, NOW, 2),
                TrackingEvent.newBuilder().setBidId(bidId).build(), // unspecified enums, numbers 0
                TrackingEvent.newBuilder().setBidId(bidId).setTypeValue(42).build()); // an enum value this version does not know
        for (TrackingEvent event : events) {
            assertSameRow(LakeParquet.EVENTS, event, event.toByteArray());
        }
        assertEquals("INSTALL", LakeParquet.EVENTS.decode(events.getFirst().toByteArray()).get("type").toString());
    }

    @Test
    void aFieldSeenTwiceKeepsItsLastValueAndAFieldOfAnotherWireTypeIsSkipped() throws Exception {
        BidRecord first = TestBids.full(BidId.mintAt(NOW), 1);
        BidRecord second = BidRecord.newBuilder().setCountry("FRA").setWidth(728).addAdCategories("IAB9").build();
        byte[] concatenated = concat(first.toByteArray(), second.toByteArray()); // protobuf merges: last wins, lists add up
        assertSameRow(LakeParquet.BIDS, BidRecord.parseFrom(concatenated), concatenated);

        // Field 14 (width, a varint) sent as a string: protobuf keeps it as an unknown field.
        byte[] mistyped = concat(first.toByteArray(), encode(out -> out.writeString(14, "wide")));
        assertSameRow(LakeParquet.BIDS, BidRecord.parseFrom(mistyped), mistyped);
    }

    @Test
    void whatProtobufRefusesIsRefused() throws Exception {
        byte[] bid = TestBids.full(BidId.mintAt(NOW), 1).toByteArray();
        List<byte[]> invalid = List.of(
                Arrays.copyOf(bid, bid.length - 3), // truncated in the last field
                encode(out -> out.writeByteArray(19, new byte[]{'1', (byte) 0xC3, '2'})), // ip: not UTF-8
                encode(out -> out.writeByteArray(26, new byte[]{(byte) 0xFF})), // a list item: not UTF-8
                encode(out -> out.writeTag(5, 4)), // an end-group tag outside any group
                new byte[]{0}, // field number 0
                "not a protobuf".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (byte[] bytes : invalid) {
            assertThrows(InvalidProtocolBufferException.class, () -> BidRecord.parseFrom(bytes), "protobuf refuses it too");
            assertThrows(InvalidProtocolBufferException.class, () -> LakeParquet.BIDS.decode(bytes));
        }
    }

    private static void assertSameRow(LakeParquet parquet, Message message, byte[] bytes) throws InvalidProtocolBufferException {
        GenericRecord expected = parquet.toAvro(message);
        GenericRecord actual = parquet.decode(bytes);
        // Avro's equality compares strings as UTF-8, whether String or Utf8, and lists item by item.
        assertEquals(expected, actual, () -> "expected " + expected + "\nbut was  " + actual);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @FunctionalInterface
    private interface Encoding {
        void writeTo(CodedOutputStream out) throws IOException;
    }

    private static byte[] encode(Encoding encoding) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        encoding.writeTo(out);
        out.flush();
        return bytes.toByteArray();
    }
}
