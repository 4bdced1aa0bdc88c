package io.bidtrack.loadgen;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BidResponsesTest {
    private static final String ID = "0190a6b8-7c3e-7a1b-9f2e-3d4c5b6a7980";

    @Test
    void aWonBidHasItsCampaignAndPrice() {
        String body = "{\"id\":\"r1\",\"bidid\":\"" + ID + "\",\"seatbid\":[{\"bid\":[{\"id\":\"1\",\"price\":2.5,\"cid\":\"c-9\"}]}]}";
        assertEquals(Optional.of(new BidResponses.Won(ID, "c-9", 2.5)), BidResponses.won(Buffer.buffer(body)));
        String bare = "{\"id\":\"r1\",\"bidid\":\"" + ID + "\"}";
        assertEquals(Optional.of(new BidResponses.Won(ID, "", 0)), BidResponses.won(Buffer.buffer(bare)), "an id without a bid object");
        assertEquals(Optional.empty(), BidResponses.won(Buffer.buffer("not json")));
    }

    @Test
    void prefersBidid() {
        String body = "{\"id\":\"r1\",\"bidid\":\"" + ID + "\",\"seatbid\":[{\"bid\":[{\"id\":\"1\",\"nurl\":\"http://x/win?id=other\"}]}]}";
        assertEquals(Optional.of(ID), BidResponses.bidId(Buffer.buffer(body)));
    }

    @Test
    void fallsBackToTheIdInNurlOrAdm() {
        String nurl = "{\"id\":\"r1\",\"seatbid\":[{\"bid\":[{\"id\":\"1\",\"nurl\":\"http://t/t/win?price=${AUCTION_PRICE}&id=" + ID + "\"}]}]}";
        assertEquals(Optional.of(ID), BidResponses.bidId(Buffer.buffer(nurl)));
        String adm = "{\"id\":\"r1\",\"seatbid\":[{\"bid\":[{\"id\":\"1\",\"adm\":\"<img src='http://t/t/imp?id=" + ID + "'>\"}]}]}";
        assertEquals(Optional.of(ID), BidResponses.bidId(Buffer.buffer(adm)));
    }

    @Test
    void emptyWhenThereIsNoId() {
        assertEquals(Optional.empty(), BidResponses.bidId(Buffer.buffer("")));
        assertEquals(Optional.empty(), BidResponses.bidId(Buffer.buffer("not json")));
        assertEquals(Optional.empty(), BidResponses.bidId(Buffer.buffer("{\"id\":\"r1\",\"seatbid\":[]}")));
        assertEquals(Optional.empty(), BidResponses.bidId(Buffer.buffer("{\"id\":\"r1\",\"seatbid\":[{\"bid\":[{\"id\":\"1\"}]}]}")));
    }
}
