package io.bidtrack.infra.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on, read at run time so that every line is this run's. */
final class MachineFacts {
    private MachineFacts() {
    }

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%d cores (%s), %s memory, benchmark JVM heap %s (Java %s, %s), load average %s",
                rt.availableProcessors(), cpuModel(), Report.bytes(os.getTotalMemorySize()), Report.bytes(rt.maxMemory()),
                Runtime.version(), System.getProperty("os.name") + " " + System.getProperty("os.version"), loadAverage());
    }

    /** The 1/5/15-minute load averages: how busy the machine was with other work too. */
    static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg")).map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3))).orElse("n/a");
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static java.util.Optional<String> firstLine(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
