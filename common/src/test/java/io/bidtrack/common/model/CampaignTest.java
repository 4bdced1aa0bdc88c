package io.bidtrack.common.model;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CampaignTest {
    private final Campaign campaign = new Campaign("c1", "Puzzle US", true, "puzzle.example", 2.5,
            "https://puzzle.example/landing", Set.of("USA"), Set.of("banner"));

    @Test
    void jsonAndHashFormsRoundTrip() {
        assertEquals(campaign, Campaign.fromJson(campaign.toJson()));
        assertEquals(campaign, Campaign.fromHash(campaign.toHash()));
    }

    @Test
    void invalidDocumentNamesTheField() {
        JsonObject bad = campaign.toJson().put("bidCpm", -1);
        Campaign.InvalidCampaignException e = assertThrows(Campaign.InvalidCampaignException.class,
                () -> Campaign.fromJson(bad));
        assertEquals("bidCpm", e.field());
        assertEquals("landingUrl", assertThrows(Campaign.InvalidCampaignException.class,
                () -> Campaign.fromJson(campaign.toJson().put("landingUrl", "javascript:x"))).field());
    }
}
