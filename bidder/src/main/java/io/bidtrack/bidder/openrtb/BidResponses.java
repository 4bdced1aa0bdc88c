package io.bidtrack.bidder.openrtb;

import io.bidtrack.bidder.selection.CampaignSelector;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Builds what the bidder stores (the BidRecord) and what it answers (the OpenRTB BidResponse). */
public final class BidResponses {
    private BidResponses() {
    }

    public static String creativeId(Campaign campaign, String format) {
        return campaign.id() + "-" + format;
    }

    /** Everything attribution may need, from this record alone, whichever tier it is read from. */
    public static BidRecord record(String bidId, long createdAtMs, BidRequest request, CampaignSelector.Selection selection) {
        Campaign c = selection.campaign();
        BidRequest.Imp imp = selection.imp();
        BidRecord.Builder b = BidRecord.newBuilder()
                .setId(bidId)
                .setRequestId(request.id())
                .setImpId(imp.id())
                .setCampaignId(c.id())
                .setCreativeId(creativeId(c, imp.format()))
                .setPriceCpm(c.bidCpm())
                .setCurrency(CampaignSelector.CURRENCY)
                .setCreatedAtMs(createdAtMs)
                .setAdFormat(imp.format())
                .setWidth(imp.width())
                .setHeight(imp.height())
                .setDeviceType(request.deviceType())
                .setBidFloor(imp.bidFloor())
                .setLandingUrl(c.landingUrl());
        // Protobuf setters refuse null: copy only what the request offered.
        if (request.publisherId() != null) b.setPublisherId(request.publisherId());
        if (request.appBundle() != null) b.setAppBundle(request.appBundle());
        if (request.siteDomain() != null) b.setSiteDomain(request.siteDomain());
        if (request.deviceOs() != null) b.setDeviceOs(request.deviceOs());
        if (request.country() != null) b.setCountry(request.country());
        if (request.ip() != null) b.setIp(request.ip());
        if (request.ifa() != null) b.setIfa(request.ifa());
        if (request.userId() != null) b.setUserId(request.userId());
        return b.build();
    }

    /**
     * The OpenRTB 2.6 BidResponse. {@code nurl} (win notice) and {@code burl} (billing notice, fired
     * server to server) carry the bid id and the {@code ${AUCTION_PRICE}} macro.
     */
    public static JsonObject response(BidRecord bid, Campaign campaign, BidRequest.Imp imp, String trackerBaseUrl) {
        Markup.TrackingUrls urls = Markup.TrackingUrls.of(trackerBaseUrl, bid.getId(), campaign.id());
        JsonObject seatBid = new JsonObject()
                .put("id", bid.getId())
                .put("impid", imp.id())
                .put("price", bid.getPriceCpm())
                .put("cid", campaign.id())
                .put("crid", bid.getCreativeId())
                .put("mtype", mediaType(imp.format()))
                .put("nurl", trackerBaseUrl + "/t/win?id=" + bid.getId() + "&price=${AUCTION_PRICE}")
                .put("burl", trackerBaseUrl + "/t/bill?id=" + bid.getId() + "&price=${AUCTION_PRICE}")
                .put("adm", Markup.of(imp.format(), campaign, imp, urls));
        if (!campaign.advertiserDomain().isEmpty()) {
            seatBid.put("adomain", new JsonArray().add(campaign.advertiserDomain()));
        }
        if (imp.width() > 0 && imp.height() > 0) {
            seatBid.put("w", imp.width()).put("h", imp.height());
        }
        return new JsonObject()
                .put("id", bid.getRequestId())
                .put("bidid", bid.getId())
                .put("cur", bid.getCurrency())
                .put("seatbid", new JsonArray().add(new JsonObject().put("bid", new JsonArray().add(seatBid))));
    }

    /** OpenRTB 2.6 {@code mtype}: 1 banner, 2 video, 4 native. */
    private static int mediaType(String format) {
        return switch (format) {
            case "video" -> 2;
            case "native" -> 4;
            default -> 1;
        };
    }
}
