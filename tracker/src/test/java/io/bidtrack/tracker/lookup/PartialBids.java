package io.bidtrack.tracker.lookup;

import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.proto.BidRecord;

/** What a fake lake answers for a column set: the bid with only those fields, as Trino would select them. */
public final class PartialBids {
    private PartialBids() {
    }

    public static BidRecord select(BidRecord whole, Columns columns) {
        BidRecord.Builder partial = BidRecord.newBuilder();
        columns.fields().forEach(field -> partial.setField(field, whole.getField(field)));
        return partial.build();
    }
}
