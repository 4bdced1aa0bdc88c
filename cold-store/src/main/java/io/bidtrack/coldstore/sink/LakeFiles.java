package io.bidtrack.coldstore.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Puts files into a local lake so that a crash at any point leaves either no file or a whole one:
 * the data goes to a hidden temporary name (Hive and Trino skip names starting with a dot), is
 * forced to disk, then renamed atomically to its final name, and the rename is forced to disk too.
 */
final class LakeFiles {
    static final String TEMP_PREFIX = ".tmp-";

    private LakeFiles() {
    }

    /**
     * Writes a file durably through {@code writer}, as {@code dir/.tmp-<tempName>} first, then under
     * the name the writer gives it, replacing a file of that name (one an earlier attempt of the same
     * rotation published).
     *
     * @return the name published, or null when the writer gave none (its file is deleted)
     */
    static String publish(Path dir, String tempName, LakeStorage.Writer writer, LakeStorage.StepListener steps) throws IOException {
        Files.createDirectories(dir);
        Path temp = dir.resolve(TEMP_PREFIX + tempName);
        String name = writer.writeTo(temp);
        if (name == null) {
            Files.deleteIfExists(temp);
            return null;
        }
        Path target = dir.resolve(name);
        steps.reached(SinkStep.WRITTEN);
        force(temp, StandardOpenOption.WRITE);
        steps.reached(SinkStep.SYNCED);
        // rename(2): readers see the old file or the new one, never a part of either.
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The rename lives in the folder; the folder itself may be new (dt=/hour=), which its parent records.
        force(dir, StandardOpenOption.READ);
        force(dir.getParent(), StandardOpenOption.READ);
        force(dir.getParent().getParent(), StandardOpenOption.READ);
        steps.reached(SinkStep.RENAMED);
        return name;
    }

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }
}
