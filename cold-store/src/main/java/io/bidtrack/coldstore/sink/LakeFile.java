package io.bidtrack.coldstore.sink;

import io.bidtrack.common.ids.BidId.LakePartition;

/**
 * A file of a lake table, as {@link LakeStorage#list} finds it: the partition folder it lies in
 * ({@code dt=/hour=}) and its name there, published ({@link LakeFileName}) or temporary.
 */
public record LakeFile(LakePartition partition, String name) {
    /** Whether a crash left it half-written: its name starts with {@link LakeFiles#TEMP_PREFIX}. */
    public boolean isTemporary() {
        return name.startsWith(LakeFiles.TEMP_PREFIX);
    }

    /** For a temporary file, the name it was written for (the {@code tempName} of {@link LakeStorage#publish}); else its name. */
    public String intendedName() {
        return isTemporary() ? name.substring(LakeFiles.TEMP_PREFIX.length()) : name;
    }
}
