package io.bidtrack.loadgen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioTest {
    private static final Set<String> OPTIONS = LoadMain.commandLine().getCommandSpec().optionsMap().keySet();

    @TempDir
    Path dir;

    /** Parses {@code args} as LoadMain.main does, without running anything. */
    private static LoadConfig configOf(String... args) {
        CommandLine cmd = LoadMain.commandLine();
        cmd.parseArgs(LoadMain.expand(cmd, args));
        return ((LoadMain) cmd.getCommand()).config();
    }

    @Test
    void everyBuiltInScenarioIsAValidRun() {
        for (String name : Scenario.BUILT_IN) {
            LoadConfig config = configOf("--scenario", name);
            assertEquals(name, config.scenario());
            assertTrue(config.totalBids() > 0, name);
        }
        LoadConfig spike = configOf("--scenario", "spike");
        assertEquals(3, spike.rateProfile().multiplierAt(70), 1e-9, "the spike holds three times the rate");
        assertEquals(1, spike.rateProfile().multiplierAt(120), 1e-9, "and comes back");
    }

    @Test
    void optionsOnTheCommandLineWinOverTheScenarios() {
        LoadConfig config = configOf("--rate", "7", "--scenario", "smoke", "--seed", "9");
        assertEquals(7, config.rate());
        assertEquals(9, config.seed());
        assertEquals(Scenario.load("smoke").options().get("duration"), "20s");
        assertEquals(20, config.duration().toSeconds(), "the rest comes from the scenario");
    }

    @Test
    void targetNamesBothUrlsAndExcludesTheSingleOptions() {
        LoadConfig config = configOf("--target", "http://b:1,http://t:2");
        assertEquals("http://b:1", config.bidderUrl());
        assertEquals("http://t:2", config.trackerUrl());
        assertThrows(CommandLine.ParameterException.class, () -> configOf("--target", "http://b:1"));
        assertThrows(CommandLine.ParameterException.class, () -> configOf("--target", "http://b:1,http://t:2", "--bidder", "http://x:3"));
    }

    @Test
    void aScenarioFileIsNamedByItsPath() throws Exception {
        Path file = dir.resolve("night.properties");
        Files.writeString(file, "# a comment\nrate = 12\nduration=3s\nrate-profile=0s:1,1s:2\n");
        LoadConfig config = configOf("--scenario", file.toString());
        assertEquals("night", config.scenario());
        assertEquals(12, config.rate());
        assertEquals(2, config.rateProfile().multiplierAt(2), 1e-9);
    }

    @Test
    void unknownScenariosAndKeysAreRefusedWithTheReason() throws Exception {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Scenario.expand(List.of("--scenario", "nope"), OPTIONS));
        assertTrue(none.getMessage().contains("smoke, steady, spike, cold-heavy"), none.getMessage());
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "rat=12\n");
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> Scenario.expand(List.of("--scenario=" + file), OPTIONS));
        assertTrue(typo.getMessage().contains("'rat' is not an option"), typo.getMessage());
        Path big = dir.resolve("big.properties");
        Files.write(big, new byte[Scenario.MAX_BYTES + 1]);
        assertThrows(IllegalArgumentException.class, () -> Scenario.load(big.toString()));
        assertEquals(List.of("--rate", "5"), Scenario.expand(List.of("--rate", "5"), OPTIONS), "no scenario: unchanged");
    }
}
