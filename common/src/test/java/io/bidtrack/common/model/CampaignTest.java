package io.bidtrack.common.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CampaignTest {
    private final Campaign campaign = new Campaign("c1", "Puzzle US", true, "puzzle.example", 2.5,
            "https://puzzle.example/landing", Set.of("USA"), Set.of("banner"));

    private final Campaign full = new Campaign("c2", "Everything set", true, "shop.example", 3.0,
            "https://shop.example/sale",
            new Campaign.Targeting(Set.of("USA", "GBR"), Set.of("banner", "video"), Set.of("Android", "ios"),
                    Set.of(1, 4), Set.of("IAB9")),
            Set.of("IAB22-1"),
            new Campaign.Flight(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")),
            new Campaign.Budget(500, Campaign.Pacing.EVEN));

    @Test
    void jsonAndHashFormsRoundTrip() {
        assertEquals(campaign, Campaign.fromJson(campaign.toJson()));
        assertEquals(campaign, Campaign.fromHash(campaign.toHash()));
        assertEquals(full, Campaign.fromJson(full.toJson()));
        assertEquals(full, Campaign.fromHash(full.toHash()));
        assertEquals(full, Campaign.fromJson(new JsonObject(full.toJson().encode())));
    }

    @Test
    void optionalFieldsDefaultToEveryoneAlwaysUnlimited() {
        Campaign minimal = Campaign.fromJson(new JsonObject().put("id", "m").put("name", "Minimal").put("bidCpm", 1)
                .put("landingUrl", "https://m.example/"));
        assertTrue(minimal.active());
        assertEquals(Campaign.Targeting.EVERYONE, minimal.targeting());
        assertEquals(Campaign.Flight.ALWAYS, minimal.flight());
        assertFalse(minimal.budget().limited());
        assertTrue(minimal.liveAt(Instant.now()));
    }

    @Test
    void targetingMatches() {
        Campaign.Targeting t = full.targeting();
        assertTrue(t.os("ANDROID"));
        assertFalse(t.os("windows"));
        assertFalse(t.os(null));
        assertTrue(t.deviceType(4));
        assertFalse(t.deviceType(2));
        assertTrue(t.categories(List.of("IAB1", "IAB9-30")));
        assertFalse(t.categories(List.of("IAB1")));
        assertFalse(t.categories(List.of()));
        assertTrue(Campaign.Targeting.EVERYONE.categories(List.of()));
        assertTrue(full.blockedBy(Set.of("IAB22")));
        assertTrue(full.blockedBy(Set.of("IAB22-1")));
        assertFalse(full.blockedBy(Set.of("IAB2", "IAB22-2")));
    }

    @Test
    void flightAndStatusDecideWhetherTheCampaignIsLive() {
        assertEquals("campaign c2 starts at 2026-12-01T00:00:00Z", full.problemAt(Instant.parse("2026-11-30T23:59:59Z")));
        assertNull(full.problemAt(Instant.parse("2026-12-01T00:00:00Z")));
        assertEquals("campaign c2 ended at 2027-01-01T00:00:00Z", full.problemAt(Instant.parse("2027-01-01T00:00:00Z")));
        Campaign paused = Campaign.fromJson(full.toJson().put("active", false));
        assertEquals("campaign c2 is paused", paused.problemAt(Instant.parse("2026-12-15T00:00:00Z")));
    }

    @Test
    void invalidDocumentNamesTheField() {
        assertEquals("bidCpm", invalid(campaign.toJson().put("bidCpm", -1)));
        assertEquals("bidCpm", invalid(campaign.toJson().put("bidCpm", "2.5")));
        assertEquals("landingUrl", invalid(campaign.toJson().put("landingUrl", "javascript:x")));
        assertEquals("formats", invalid(campaign.toJson().put("formats", new JsonArray().add("audio"))));
        assertEquals("countries", invalid(campaign.toJson().put("countries", "USA")));
        assertEquals("deviceTypes", invalid(campaign.toJson().put("deviceTypes", new JsonArray().add(9))));
        assertEquals("startAt", invalid(campaign.toJson().put("startAt", "yesterday")));
        assertEquals("endAt", invalid(full.toJson().put("endAt", "2026-11-01T00:00:00Z")));
        assertEquals("pacing", invalid(campaign.toJson().put("pacing", "fast")));
        assertEquals("dailyBudget", invalid(campaign.toJson().put("dailyBudget", -5)));
        assertEquals("active", invalid(campaign.toJson().put("active", "yes")));
        JsonArray many = new JsonArray();
        for (int i = 0; i <= Campaign.MAX_LIST; i++) {
            many.add("C" + i);
        }
        assertEquals("countries", invalid(campaign.toJson().put("countries", many)));
    }

    private static String invalid(JsonObject json) {
        return assertThrows(Campaign.InvalidCampaignException.class, () -> Campaign.fromJson(json)).field();
    }
}
