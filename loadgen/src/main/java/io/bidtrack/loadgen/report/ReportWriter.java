package io.bidtrack.loadgen.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a load run's report folder: {@code <reportsDir>/<yyyyMMdd-HHmmss>-<scenario>} (UTC start time),
 * holding index.html, the PNG plots and the raw data as JSON and CSV. An existing folder is never
 * overwritten: a second run started in the same second gets "-2", then "-3", and so on.
 * Blocking file I/O: call it from a worker thread or the command's main thread, not an event loop.
 */
public final class ReportWriter {
    private static final DateTimeFormatter FOLDER_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ReportWriter() {
    }

    /** Writes the report of {@code report} into a new folder under {@code reportsDir} and returns that folder. */
    public static Path write(Path reportsDir, RunReport report) throws IOException {
        // The plots are drawn off screen; without this AWT would look for a display, which servers and CI lack.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Path dir = newFolder(reportsDir, FOLDER_TIME.format(report.start()) + "-" + safeName(report.scenario()));
        RawData.write(dir, report);
        Charts.write(dir, report);
        Files.writeString(dir.resolve(HtmlPage.INDEX_HTML), HtmlPage.render(report));
        return dir;
    }

    /** Creates {@code base}, or base-2, base-3 ... whichever does not exist yet (atomically, so never one in use). */
    private static Path newFolder(Path reportsDir, String base) throws IOException {
        Files.createDirectories(reportsDir);
        for (int n = 1; ; n++) {
            Path dir = reportsDir.resolve(n == 1 ? base : base + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }

    /**
     * The scenario's name as part of a file name: anything but letters, digits, '.', '_' and '-' becomes '_'
     * (no separators, so the folder stays in reportsDir; it starts with the time, so it is never "..").
     */
    static String safeName(String scenario) {
        return scenario.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
