package io.bidtrack.coldstore;

import io.bidtrack.common.ids.BidId;
import io.bidtrack.common.proto.BidRecord;

import java.util.UUID;

/** Bids for tests. */
public final class TestBids {
    private TestBids() {
    }

    /** A bid with every field set to a value other than its default, so a dropped column shows. */
    public static BidRecord full(UUID id, int n) {
        return BidRecord.newBuilder()
                .setId(id.toString()).setRequestId("req-" + n).setImpId("imp-" + n)
                .setCampaignId("camp-" + n).setCreativeId("cr-" + n).setPriceCpm(1.25 + n).setCurrency("USD")
                .setCreatedAtMs(BidId.timestampMillis(id)).setExchange("x-" + n).setPublisherId("pub-" + n)
                .setAppBundle("com.example.app" + n).setSiteDomain("example" + n + ".com").setAdFormat("banner")
                .setWidth(320 + n).setHeight(50 + n).setDeviceOs("android").setDeviceType(4).setCountry("USA")
                .setIp("203.0.113." + n).setIfa("ifa-" + n).setUserId("user-" + n).setBidFloor(0.5 + n)
                .setLandingUrl("https://example.com/land?n=" + n + "&ü=ö")
                .setInventoryId("inv-" + n).setInventoryName("Inventory " + n)
                .addContentCategories("IAB9-30").addContentCategories("IAB" + n)
                .setPublisherName("Publisher " + n).setDeviceMake("Google").setDeviceModel("Pixel " + n)
                .setDeviceOsv("14." + n).setUserAgent("Mozilla/5.0 (Linux; Android 14) n=" + n)
                .setRegion("CA").setCity("San Francisco " + n).setConnectionType(2).setSourceTid("tid-" + n)
                .setAuctionType(1).setTmaxMs(100 + n).setAdvertiserDomain("adv" + n + ".example")
                .addAdCategories("IAB22-" + (n + 1))
                .build();
    }
}
