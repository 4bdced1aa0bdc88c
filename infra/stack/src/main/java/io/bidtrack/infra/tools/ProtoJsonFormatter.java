package io.bidtrack.infra.tools;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.bidtrack.common.Names;
import io.bidtrack.common.proto.BidRecord;
import io.bidtrack.common.proto.TrackingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;

import java.io.PrintStream;

/**
 * Prints each record of {@code bids} or {@code tracking-events} as one line of JSON, for Kafka's
 * console consumer ({@code --formatter io.bidtrack.infra.tools.ProtoJsonFormatter}): the values
 * are protobuf, which the default formatter would print as raw bytes. Field names are the
 * protobuf JSON mapping's (lowerCamelCase, int64 as strings), as {@code GET /bids/{id}} prints them.
 */
public final class ProtoJsonFormatter implements MessageFormatter {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    @Override
    public void writeTo(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
        output.println(json(record.topic(), record.value()));
    }

    /** The value as JSON, or a line saying why it could not be decoded (the consumer goes on). */
    static String json(String topic, byte[] value) {
        if (value == null) {
            return "{\"error\":\"a record without a value\"}";
        }
        try {
            return PRINTER.print(parse(topic, value));
        } catch (InvalidProtocolBufferException e) {
            return "{\"error\":\"not a protobuf record of topic " + topic + ": "
                    + e.getMessage().replace("\"", "'") + "\",\"bytes\":" + value.length + "}";
        }
    }

    private static Message parse(String topic, byte[] value) throws InvalidProtocolBufferException {
        return switch (topic) {
            case Names.BIDS_TOPIC -> BidRecord.parseFrom(value);
            case Names.TRACKING_EVENTS_TOPIC -> TrackingEvent.parseFrom(value);
            default -> throw new IllegalArgumentException("ProtoJsonFormatter reads the topics " + Names.BIDS_TOPIC
                    + " and " + Names.TRACKING_EVENTS_TOPIC + ", not " + topic + " (core-data is JSON already: "
                    + "use the default formatter)");
        };
    }
}
