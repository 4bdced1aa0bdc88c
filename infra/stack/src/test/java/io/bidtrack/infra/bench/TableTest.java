package io.bidtrack.infra.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableTest {

    @Test
    void columnsArePaddedNamesLeftFiguresRight() {
        String table = new Table("metric", "measured", "target")
                .row("sink throughput", "123,456 bids/s", ">= 100,000")
                .row("floor", "p50 85 ms", "")
                .toString();
        assertEquals("""
                metric          |       measured |     target
                ----------------+----------------+-----------
                sink throughput | 123,456 bids/s | >= 100,000
                floor           |      p50 85 ms |
                """, table);
    }

    @Test
    void aRowMustFillEveryColumn() {
        Table table = new Table("a", "b");
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
        assertThrows(IllegalArgumentException.class, Table::new);
    }
}
