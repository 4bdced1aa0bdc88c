package io.bidtrack.bidder.openrtb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bidtrack.bidder.selection.CampaignSelector;
import io.bidtrack.common.model.Campaign;
import io.bidtrack.common.proto.BidRecord;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Builds what the bidder stores (the BidRecord) and what it answers (the OpenRTB BidResponse). */
public final class BidResponses {
    private static final JsonFactory JSON = new JsonFactory();
    /** A typical response with banner markup is about 1.5 KB. */
    private static final int RESPONSE_SIZE_HINT = 2048;
    private BidResponses() {
    }

    public static String creativeId(Campaign campaign, String format) {
        return campaign.id() + "-" + format;
    }

    /**
     * Everything attribution and reporting may need, from this record alone, whichever tier it is
     * read from (about 600 bytes for a typical app request, like a production record).
     */
    public static BidRecord record(String bidId, long createdAtMs, BidRequest request, CampaignSelector.Selection selection) {
        Campaign c = selection.campaign();
        BidRequest.Imp imp = selection.imp();
        BidRequest.Inventory inv = request.inventory();
        BidRequest.Device d = request.device();
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
                .setDeviceType(d.type())
                .setConnectionType(d.connectionType())
                .setBidFloor(imp.bidFloor())
                .setLandingUrl(c.landingUrl())
                .setAdvertiserDomain(c.advertiserDomain())
                .addAllAdCategories(new TreeSet<>(c.adCategories()))
                .addAllContentCategories(inv.categories())
                .setAuctionType(request.auctionType())
                .setTmaxMs(request.tmaxMs());
        // Protobuf setters refuse null: copy only what the request offered.
        set(b::setPublisherId, inv.publisherId());
        set(b::setPublisherName, inv.publisherName());
        set(b::setInventoryId, inv.id());
        set(b::setInventoryName, inv.name());
        set(b::setAppBundle, inv.bundle());
        set(b::setSiteDomain, inv.app() ? null : inv.domain());
        set(b::setDeviceOs, d.os());
        set(b::setDeviceOsv, d.osv());
        set(b::setDeviceMake, d.make());
        set(b::setDeviceModel, d.model());
        set(b::setUserAgent, d.ua());
        set(b::setCountry, d.country());
        set(b::setRegion, d.region());
        set(b::setCity, d.city());
        set(b::setIp, d.ip());
        set(b::setIfa, d.ifa());
        set(b::setUserId, request.userId());
        set(b::setSourceTid, request.sourceTid());
        return b.build();
    }

    private static void set(Consumer<String> setter, String value) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /**
     * The OpenRTB 2.6 BidResponse, as JSON bytes. {@code nurl} (win notice) and {@code burl}
     * (billing notice, fired server to server) carry the bid id and the {@code ${AUCTION_PRICE}}
     * macro; the markup carries the impression pixel and the click link. Written with Jackson's
     * streaming generator straight into the bytes to send: no object tree is built per bid.
     */
    public static Buffer response(BidRecord bid, Campaign campaign, BidRequest.Imp imp, String trackerBaseUrl) {
        Markup.TrackingUrls urls = Markup.TrackingUrls.of(trackerBaseUrl, bid.getId(), campaign.id());
        Buffer bytes = Buffer.buffer(RESPONSE_SIZE_HINT);
        try (JsonGenerator json = JSON.createGenerator(new BufferOutput(bytes))) {
            json.writeStartObject();
            json.writeStringField("id", bid.getRequestId());
            json.writeStringField("bidid", bid.getId());
            json.writeStringField("cur", bid.getCurrency());
            json.writeArrayFieldStart("seatbid");
            json.writeStartObject();
            json.writeArrayFieldStart("bid");
            json.writeStartObject();
            json.writeStringField("id", bid.getId());
            json.writeStringField("impid", imp.id());
            json.writeNumberField("price", bid.getPriceCpm());
            json.writeStringField("cid", campaign.id());
            json.writeStringField("crid", bid.getCreativeId());
            json.writeNumberField("mtype", mediaType(imp.format()));
            json.writeStringField("nurl", trackerBaseUrl + "/t/win?id=" + bid.getId() + "&price=${AUCTION_PRICE}");
            json.writeStringField("burl", trackerBaseUrl + "/t/bill?id=" + bid.getId() + "&price=${AUCTION_PRICE}");
            json.writeStringField("adm", Markup.of(imp.format(), campaign, imp, urls));
            if (!campaign.advertiserDomain().isEmpty()) {
                json.writeArrayFieldStart("adomain");
                json.writeString(campaign.advertiserDomain());
                json.writeEndArray();
            }
            if (bid.getAdCategoriesCount() > 0) {
                json.writeArrayFieldStart("cat"); // sorted, as in the record
                for (String category : bid.getAdCategoriesList()) {
                    json.writeString(category);
                }
                json.writeEndArray();
            }
            if (imp.width() > 0 && imp.height() > 0) {
                json.writeNumberField("w", imp.width());
                json.writeNumberField("h", imp.height());
            }
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes;
    }

    /** Lets the generator write straight into the buffer that is sent (no copy through a byte[]). */
    private static final class BufferOutput extends OutputStream {
        private final Buffer buffer;

        BufferOutput(Buffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) {
            buffer.appendByte((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buffer.appendBytes(b, off, len);
        }
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
