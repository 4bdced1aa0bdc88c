package io.bidtrack.tracker.events;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.EventType;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.OptionalDouble;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One tracking call as the client sent it, checked and bounded, before anything is looked up.
 *
 * @param receivedAtMs  wall-clock time of receipt (the event's time, also for the campaign's validity)
 * @param receivedNanos monotonic time of receipt, for the attribution latency
 * @param campaignHint  the campaign named by the click URL ({@code c}), null when absent or not a
 *                      campaign id; used only to find the landing page in L1 without a lookup
 */
public record TrackRequest(EventType type, UUID bidId, OptionalDouble clearingPrice, String campaignHint,
                           long receivedAtMs, long receivedNanos) {
    /** Our own tracking URLs are about 120 characters; anything near this is not one of them. */
    public static final int MAX_QUERY_CHARS = 2048;
    /** A postback body carries an id and a few attributes: 4 KiB is plenty. */
    public static final int MAX_BODY_BYTES = 4096;
    /** A clearing price in CPM: digits with an optional fraction; exponents, hex and NaN are not prices. */
    private static final Pattern PRICE = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");
    private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Input the tracker refuses: the status to answer, the message and the field to blame. */
    public static final class BadInput extends Exception {
        private final int status;
        private final String field;

        BadInput(int status, String message, String field) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
        }

        public int status() {
            return status;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Reads the id (query string; for a POST also a form field or a JSON {@code "id"}), the price
     * of win and billing notices, and the click's campaign.
     */
    public static TrackRequest parse(RoutingContext ctx, EventType type, long receivedAtMs, long receivedNanos) throws BadInput {
        String query = ctx.request().query();
        if (query != null && query.length() > MAX_QUERY_CHARS) {
            throw new BadInput(414, "query string longer than " + MAX_QUERY_CHARS + " characters", "query");
        }
        MultiMap params = ctx.request().params();
        String idText = params.get("id");
        if (idText == null && ctx.request().method() == HttpMethod.POST && isJson(ctx)) {
            idText = jsonId(ctx);
        }
        UUID id;
        try {
            id = BidId.parse(idText);
        } catch (IllegalArgumentException e) {
            throw new BadInput(400, e.getMessage(), "id");
        }
        OptionalDouble price = type == EventType.WIN || type == EventType.BILLING ? price(params.get("price")) : OptionalDouble.empty();
        String hint = params.get("c");
        return new TrackRequest(type, id, price, hint != null && CAMPAIGN_ID.matcher(hint).matches() ? hint : null,
                receivedAtMs, receivedNanos);
    }

    /**
     * The clearing price of a win or billing notice. The exchange substitutes {@code ${AUCTION_PRICE}};
     * one that does not (or sends an encrypted price we cannot read) leaves the macro, an empty
     * string or garbage: that is "no price", and the bid price stands in. Never an error: the
     * notice itself is valid and must count.
     */
    static OptionalDouble price(String text) {
        if (text == null || !PRICE.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(text));
    }

    private static boolean isJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private static String jsonId(RoutingContext ctx) throws BadInput {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new BadInput(400, "body is not a JSON object", "body");
        }
        Object id = body == null ? null : body.getValue("id");
        if (id != null && !(id instanceof String)) {
            throw new BadInput(400, "bid id must be a string", "id");
        }
        return (String) id;
    }
}
