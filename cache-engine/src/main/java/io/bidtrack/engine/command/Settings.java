package io.bidtrack.engine.command;

import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.OutputBufferLimits;

/**
 * The settings CONFIG SET may change while the engine runs. {@link EngineConfig} stays the
 * immutable start-up configuration; these start from it and are read where they apply, so a change
 * takes effect for connections that already exist, as in Redis. Read and written only by the
 * engine thread, like all engine state, so plain fields suffice.
 */
public final class Settings {
    /** Redis' defaults for the slow log: commands of 10 ms or more, the last 128 of them. */
    public static final long DEFAULT_SLOWLOG_SLOWER_THAN = 10_000;
    public static final long DEFAULT_SLOWLOG_MAX_LEN = 128;

    public long maxClients;
    public int hz;
    public long maxBulkLength;
    public long queryBufferLimit;
    /** Replaced as a whole by CONFIG SET client-output-buffer-limit; see {@link Client#enforceOutputBufferLimit}. */
    public OutputBufferLimits outputBufferLimits;
    /** Microseconds; negative disables the slow log, 0 logs every command. */
    public long slowlogSlowerThan = DEFAULT_SLOWLOG_SLOWER_THAN;
    public long slowlogMaxLen = DEFAULT_SLOWLOG_MAX_LEN;
    /** Most entries ACL LOG keeps (Redis' acllog-max-len). */
    public long aclLogMaxLen = 128;
    /** Most keys remembered for client-side caching (0 = no limit); see Tracking#limitTableSize. */
    public long trackingTableMaxKeys = io.bidtrack.engine.tracking.Tracking.DEFAULT_MAX_KEYS;

    public Settings(EngineConfig config) {
        maxClients = config.maxClients();
        hz = config.hz();
        maxBulkLength = config.maxBulkLength();
        queryBufferLimit = config.queryBufferLimit();
        outputBufferLimits = config.outputBufferLimits();
    }
}
