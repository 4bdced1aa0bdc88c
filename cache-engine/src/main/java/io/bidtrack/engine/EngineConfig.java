package io.bidtrack.engine;

/**
 * Settings of one engine. Defaults follow Redis' own defaults, so clients see familiar limits.
 *
 * @param bindAddress address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for all)
 * @param port TCP port; 0 picks a free one (see {@link CacheEngine#port()})
 * @param databases number of databases for SELECT (Redis' {@code databases}, 16)
 * @param maxBulkLength longest accepted argument in bytes (Redis' {@code proto-max-bulk-len}, 512 MB)
 * @param maxMultibulkLength most arguments in one command (Redis accepts up to 2^31 - 1; the
 *     default of 1,048,576 stops absurd declarations early)
 * @param queryBufferLimit most bytes of unprocessed input kept for one connection before it is
 *     closed (Redis' {@code client-query-buffer-limit}, 1 GB)
 * @param maxClients most simultaneous connections (Redis' {@code maxclients}, 10,000)
 * @param outputBufferLimits how much undelivered output a client may have before it is disconnected,
 *     per client class (Redis' {@code client-output-buffer-limit}: normal clients unlimited,
 *     subscribers 32 MB, or 8 MB for 60 seconds)
 * @param hz how often per second background work (active expiry) runs (Redis' {@code hz}, 10)
 * @param requirePass the {@code default} user's password (Redis' {@code requirepass}); empty for none
 * @param aclFile where ACL SAVE and ACL LOAD keep the users (Redis' {@code aclfile}); empty for none
 */
public record EngineConfig(
        String bindAddress,
        int port,
        int databases,
        long maxBulkLength,
        int maxMultibulkLength,
        int queryBufferLimit,
        int maxClients,
        OutputBufferLimits outputBufferLimits,
        int hz,
        String requirePass,
        String aclFile) {

    public static final int DEFAULT_PORT = 6379;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    public EngineConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (databases < 1) {
            throw new IllegalArgumentException("databases must be at least 1, got " + databases);
        }
        if (maxBulkLength < 1) {
            throw new IllegalArgumentException("maxBulkLength must be positive, got " + maxBulkLength);
        }
        if (maxMultibulkLength < 1) {
            throw new IllegalArgumentException("maxMultibulkLength must be positive, got " + maxMultibulkLength);
        }
        if (queryBufferLimit < 1024) {
            throw new IllegalArgumentException("queryBufferLimit must be at least 1024 bytes, got " + queryBufferLimit);
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be positive, got " + maxClients);
        }
        if (outputBufferLimits == null) {
            throw new IllegalArgumentException("outputBufferLimits must not be null");
        }
        requirePass = requirePass == null ? "" : requirePass;
        aclFile = aclFile == null ? "" : aclFile;
        if (hz < 1 || hz > 500) {
            throw new IllegalArgumentException("hz must be 1..500, got " + hz);
        }
    }

    /** Redis' defaults, listening on 127.0.0.1:6379. */
    public static EngineConfig defaults() {
        return new EngineConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, 16, 512L * 1024 * 1024, 1024 * 1024,
                1024 * 1024 * 1024, 10_000, OutputBufferLimits.defaults(), 10, "", "");
    }

    public EngineConfig withPort(int port) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withBindAddress(String bindAddress) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withMaxBulkLength(long maxBulkLength) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withMaxMultibulkLength(int maxMultibulkLength) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withQueryBufferLimit(int queryBufferLimit) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withMaxClients(int maxClients) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withOutputBufferLimits(OutputBufferLimits outputBufferLimits) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withDatabases(int databases) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withHz(int hz) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withRequirePass(String requirePass) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }

    public EngineConfig withAclFile(String aclFile) {
        return new EngineConfig(bindAddress, port, databases, maxBulkLength, maxMultibulkLength,
                queryBufferLimit, maxClients, outputBufferLimits, hz, requirePass, aclFile);
    }
}
