package io.bidtrack.engine.resp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.keyspace.KeyEntry;
import org.junit.jupiter.api.Test;

class ReplyWriterThresholdTest {
    /** A string SET or INCR may overwrite in place must be copied into replies, never referenced. */
    @Test
    void stringsOverwrittenInPlaceAreCopiedIntoReplies() {
        assertTrue(ReplyWriter.ZERO_COPY_THRESHOLD >= KeyEntry.IN_PLACE_LIMIT);
    }
}
