package io.bidtrack.loadgen;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the id to track in an OpenRTB bid response. */
final class BidResponses {
    private static final Pattern ID_PARAM = Pattern.compile("[?&]id=([0-9A-Za-z-]+)");

    private BidResponses() {
    }

    /**
     * The response's {@code bidid}; failing that, the {@code id=} parameter of the first bid's
     * {@code nurl} or of a tracking URL in its {@code adm}. Empty when the body has none.
     */
    static Optional<String> bidId(Buffer body) {
        if (body == null || body.length() == 0) {
            return Optional.empty();
        }
        try {
            JsonObject resp = body.toJsonObject();
            String bidid = resp.getString("bidid");
            if (bidid != null && !bidid.isBlank()) {
                return Optional.of(bidid);
            }
            JsonArray seatbid = resp.getJsonArray("seatbid");
            JsonArray bids = seatbid == null || seatbid.isEmpty() ? null : seatbid.getJsonObject(0).getJsonArray("bid");
            if (bids == null || bids.isEmpty()) {
                return Optional.empty();
            }
            JsonObject bid = bids.getJsonObject(0);
            return idParam(bid.getString("nurl")).or(() -> idParam(bid.getString("adm")));
        } catch (RuntimeException e) { // not JSON, or not the expected shape
            return Optional.empty();
        }
    }

    /** What the load generator needs of a won bid: its id, its campaign ({@code cid}) and its price ({@code price}). */
    record Won(String bidId, String campaignId, double price) {
    }

    /** The first bid of the response, if it has an id; campaign and price empty/0 when the bid lacks them. */
    static Optional<Won> won(Buffer body) {
        Optional<String> id = bidId(body);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonObject bid = body.toJsonObject().getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
            Number price = bid.getNumber("price");
            return Optional.of(new Won(id.get(), bid.getString("cid", ""), price == null ? 0 : price.doubleValue()));
        } catch (RuntimeException e) { // an id found elsewhere, no bid object of the usual shape
            return Optional.of(new Won(id.get(), "", 0));
        }
    }

    private static Optional<String> idParam(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = ID_PARAM.matcher(url);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
