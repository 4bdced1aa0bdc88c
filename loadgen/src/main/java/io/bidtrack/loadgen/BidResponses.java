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

    private static Optional<String> idParam(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = ID_PARAM.matcher(url);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
