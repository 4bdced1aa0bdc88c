package io.bidtrack.tracker.bids;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.bidtrack.coldstore.table.BidsTable.Columns;
import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.web.Responses;
import io.bidtrack.tracker.lookup.BidLocator;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * {@code GET /bids/{id}}: the bid from whichever tier holds it, as JSON (the BidRecord's fields in
 * lowerCamelCase, int64 values as strings per the protobuf JSON mapping) plus {@code "tier"}. For
 * debugging and teaching: it shows the hot/cold split at work. It asks for the whole bid, from the
 * cold tier too, where events ask only for the columns attribution reads.
 */
public final class BidRoutes {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
            .alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

    private final BidLocator locator;

    public BidRoutes(BidLocator locator) {
        this.locator = locator;
    }

    public void install(Router router) {
        router.get("/bids/:id").handler(this::get);
    }

    private void get(RoutingContext ctx) {
        UUID id;
        try {
            id = BidId.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, e.getMessage(), "id");
            return;
        }
        locator.locate(id, Columns.ALL).onSuccess(located -> {
            if (located.bid().isEmpty()) {
                Responses.error(ctx, located.failed() ? 503 : 404, "bid " + id + " not found: " + located.reason(), "id");
                return;
            }
            try {
                JsonObject body = new JsonObject(PRINTER.print(located.bid().get())).put("tier", located.tier().name());
                Responses.json(ctx, 200, body);
            } catch (InvalidProtocolBufferException e) {
                ctx.fail(e);
            }
        });
    }
}
