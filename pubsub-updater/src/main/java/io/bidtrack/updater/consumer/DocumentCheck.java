package io.bidtrack.updater.consumer;

import io.bidtrack.common.coredata.CoreDataMessage;
import io.bidtrack.common.model.Campaign;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides what to do with one {@code core-data} record: apply it, or reject it (to the DLQ) with a
 * reason a person can act on. Pure: no I/O, so every rule is cheap to test.
 */
public final class DocumentCheck {
    private DocumentCheck() {
    }

    /** The outcome for one record. */
    public sealed interface Verdict {
    }

    /** A valid document: write it and publish it. */
    public record Apply(CoreDataMessage message) implements Verdict {
    }

    /**
     * An invalid document.
     *
     * @param error what is wrong, e.g. "bidCpm: must be a number in (0, 1000]"
     * @param field the field to blame, or "key" / "value" for the record itself
     */
    public record Reject(String error, String field) implements Verdict {
    }

    public static Verdict check(String key, byte[] value) {
        if (value == null) {
            return new Reject("the record has no value; a deletion is {\"id\":\"..\",\"deleted\":true}", "value");
        }
        CoreDataMessage message;
        try {
            message = CoreDataMessage.parse(utf8(value));
        } catch (Campaign.InvalidCampaignException e) {
            return new Reject(e.getMessage(), e.field());
        } catch (IllegalArgumentException e) {
            return new Reject(e.getMessage(), "value");
        }
        // The key decides the partition, so the order of one campaign's changes; a key that is not
        // the id would let two versions of a campaign race through different partitions.
        if (!message.campaignId().equals(key)) {
            return new Reject("the record key (" + key + ") differs from the document's id (" + message.campaignId() + ")", "key");
        }
        return new Apply(message);
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("core-data message is not UTF-8 text");
        }
    }
}
