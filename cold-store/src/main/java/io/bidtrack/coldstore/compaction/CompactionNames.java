package io.bidtrack.coldstore.compaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The names compaction gives files in a partition folder of table {@code t}:
 * {@code t-compacted-<hash>.parquet} for a merged file, {@code .t-compaction-<hash>} for its
 * manifest. The hash is that of the sorted names of the files merged, so two passes over the same
 * files (a retry after a crash) produce the same name and replace rather than add. Neither name has
 * the {@code +} of the sink's names, so the sink never takes them for its own.
 */
final class CompactionNames {
    private static final String MERGED_INFIX = "-compacted-";
    private static final String MANIFEST_INFIX = "-compaction-";
    private static final String PARQUET = ".parquet";

    private CompactionNames() {
    }

    /** The merged file of {@code sources} (names in one partition of {@code table}). */
    static String merged(String table, List<String> sources) {
        return table + MERGED_INFIX + hash(sources) + PARQUET;
    }

    /** The manifest of the merge into {@code merged}. */
    static String manifestOf(String table, String merged) {
        String hash = merged.substring(table.length() + MERGED_INFIX.length(), merged.length() - PARQUET.length());
        return "." + table + MANIFEST_INFIX + hash;
    }

    static boolean isMerged(String table, String name) {
        return name.startsWith(table + MERGED_INFIX) && name.endsWith(PARQUET);
    }

    static boolean isManifest(String table, String name) {
        return name.startsWith("." + table + MANIFEST_INFIX);
    }

    /** Whether a temporary file (its name without the temporary prefix) was being written by compaction. */
    static boolean isOwnTemporary(String table, String intendedName) {
        return isMerged(table, intendedName) || intendedName.startsWith(table + MANIFEST_INFIX);
    }

    /** The name a manifest is written under before it is published ({@code tempName} of {@code LakeStorage.publish}). */
    static String manifestTempName(String table, String manifest) {
        return manifest.substring(1);
    }

    private static String hash(List<String> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sources.stream().sorted().forEach(name -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
