package io.bidtrack.updater.consumer;

import io.bidtrack.common.coredata.CoreDataMessage;
import io.bidtrack.common.model.Campaign;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules for a core-data record, and the bookkeeping the admin API waits on. */
class UpdaterDocumentCheckTest {
    private static final Campaign CAMPAIGN = new Campaign("c1", "C1", true, "c1.example", 2.5, "https://c1.example/",
            Set.of("USA"), Set.of("banner"));

    private static DocumentCheck.Verdict check(String key, String value) {
        return DocumentCheck.check(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validUpsertsAndDeletionsAreApplied() {
        assertEquals(new DocumentCheck.Apply(new CoreDataMessage.Upsert(CAMPAIGN)), check("c1", CoreDataMessage.upsert(CAMPAIGN)));
        assertEquals(new DocumentCheck.Apply(new CoreDataMessage.Deletion("c1")), check("c1", CoreDataMessage.deletion("c1")));
    }

    @Test
    void invalidRecordsAreRejectedWithTheReason() {
        assertEquals(new DocumentCheck.Reject("bidCpm: must be a number in (0, 1000]", "bidCpm"),
                check("c1", CAMPAIGN.toJson().put("bidCpm", 0).encode()));
        assertEquals("key", ((DocumentCheck.Reject) check("c2", CoreDataMessage.upsert(CAMPAIGN))).field());
        assertEquals("key", ((DocumentCheck.Reject) check(null, CoreDataMessage.deletion("c1"))).field());
        assertEquals("value", ((DocumentCheck.Reject) check("c1", null)).field());
        assertEquals("value", ((DocumentCheck.Reject) check("c1", "[1]")).field());
        assertEquals("deleted", ((DocumentCheck.Reject) check("c1", new JsonObject().put("id", "c1").put("deleted", "yes").encode())).field());
        DocumentCheck.Verdict notUtf8 = DocumentCheck.check("c1", new byte[]{'{', (byte) 0xC3, '}'});
        assertEquals("core-data message is not UTF-8 text", assertInstanceOf(DocumentCheck.Reject.class, notUtf8).error());
    }

    @Test
    void waitersAreReleasedWhenTheConsumerPassesTheirOffsetOrTimeOut() {
        Vertx vertx = Vertx.vertx();
        try {
            AppliedOffsets applied = new AppliedOffsets(vertx);
            var second = applied.await(0, 1, Duration.ofSeconds(5));
            var otherPartition = applied.await(1, 0, Duration.ofMillis(100));
            applied.passed(0, 0);
            assertFalse(second.isComplete(), "released before its offset");
            applied.passed(0, 1);
            assertTrue(second.toCompletionStage().toCompletableFuture().join());
            assertFalse(otherPartition.toCompletionStage().toCompletableFuture().join(), "another partition's offset released it");
            // Applied before anyone asked (the consumer can beat the producer's acknowledgement).
            assertTrue(applied.await(0, 1, Duration.ofMillis(100)).toCompletionStage().toCompletableFuture().join());
            assertEquals(0, applied.waiting());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
