package io.bidtrack.loadgen.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReportTest {

    @Test
    void correctOnlyWithNothingLostDuplicatedOrMisattributed() {
        assertTrue(new Summary(10, 10, 9, 1, 0, 0, 0, 0, 0, 20, 15, 5, 0).correct());
        assertTrue(new Summary(10, 10, 9, 0, 1, 0, 0, 0, 0, 20, 15, 5, 3).correct(), "UNMATCHED and errors are not losses");
        assertFalse(new Summary(10, 10, 9, 0, 0, 1, 0, 0, 0, 20, 15, 5, 0).correct(), "lost");
        assertFalse(new Summary(10, 10, 10, 0, 0, 0, 1, 0, 0, 20, 15, 5, 0).correct(), "duplicated");
        assertFalse(new Summary(10, 10, 10, 0, 0, 0, 0, 1, 0, 20, 15, 5, 0).correct(), "wrong campaign");
        assertFalse(new Summary(10, 10, 10, 0, 0, 0, 0, 0, 1, 20, 15, 5, 0).correct(), "wrong tier");
    }

    @Test
    void keepsTheGivenOrderAndIsNotChangedByItsCaller() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("z", "1");
        settings.put("a", "2");
        RunReport r = withSettings(settings);
        settings.put("m", "3");

        assertEquals(List.of("z", "a"), List.copyOf(r.settings().keySet()));
    }

    @Test
    void rejectsABlankScenarioAnEndBeforeTheStartAndNulls() {
        RunReport r = Reports.threeSeconds();
        assertThrows(IllegalArgumentException.class, () -> new RunReport(" ", r.start(), r.end(), r.settings(),
                r.timeline(), r.endpointLatency(), r.tierLatency(), r.tierMix(), r.summary()));
        assertThrows(IllegalArgumentException.class, () -> new RunReport("x", r.end(), r.start(), r.settings(),
                r.timeline(), r.endpointLatency(), r.tierLatency(), r.tierMix(), r.summary()));
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("seed", null);
        assertThrows(NullPointerException.class, () -> withSettings(withNull));
    }

    private static RunReport withSettings(Map<String, String> settings) {
        RunReport r = Reports.threeSeconds();
        return new RunReport(r.scenario(), r.start(), r.end(), settings, r.timeline(), r.endpointLatency(),
                r.tierLatency(), r.tierMix(), r.summary());
    }
}
