package io.bidtrack.infra.stack;

import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.engine.testing.RedisServerProcess;
import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot store's users ({@code infra/acl/users.acl}): each may do what its service does and
 * nothing else. The bundled engine loads the file as its aclfile, as the demo does; a real
 * redis-server gets the same users through ACL SETUSER and must answer every command alike.
 */
class HotStoreUsersTest {
    private static final HotStoreUsers USERS = HotStoreUsers.shared();

    @TempDir
    static Path dir;
    static CacheEngine engine;
    static RedisServerProcess redis;

    @BeforeAll
    static void start() throws Exception {
        Path aclFile = USERS.writeTo(dir.resolve("users.acl"));
        engine = CacheEngine.start(EngineConfig.defaults().withPort(0).withAclFile(aclFile.toString()));
        redis = RedisServerProcess.start();
        try (RespClient admin = RespClient.connect(redis.port())) {
            for (String line : Files.readAllLines(aclFile)) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> words = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
                assertEquals("user", words.getFirst(), "every line of the ACL file is a user: " + line);
                words.set(0, "SETUSER");
                words.addFirst("ACL");
                // The reference keeps its default user until the end, to be configured at all.
                if (!words.get(2).equals("default")) {
                    assertEquals("OK", admin.call(words.toArray(String[]::new)).text(), line);
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void everyUserHasAPasswordAndTheDefaultUserIsOff() {
        assertEquals(List.of("admin", "bidder", "dashboard", "loadgen", "tracker", "updater"),
                USERS.passwords().keySet().stream().sorted().toList());
        try (RespClient anonymous = RespClient.connect(engine.port())) {
            Reply ping = anonymous.call("PING");
            assertTrue(ping.isError() && ping.text().startsWith("NOAUTH"), "no client works without naming its user: " + ping);
        }
        try (RespClient wrong = RespClient.connect(engine.port())) {
            Reply auth = wrong.call("AUTH", "bidder", "not-the-password");
            assertTrue(auth.isError() && auth.text().startsWith("WRONGPASS"), auth.toString());
        }
    }

    @Test
    void theBidderWritesBidsAndSpendAndOnlyReadsCampaigns() {
        allowed("bidder", "SET", "bid:0190a0b0-0000-7000-8000-000000000001", "proto", "PX", "60000");
        allowed("bidder", "INCRBY", "spend:c1:2026-12-05", "1250");
        allowed("bidder", "EXPIRE", "spend:c1:2026-12-05", "172800");
        allowed("bidder", "MGET", "spend:c1:2026-12-05", "spend:c2:2026-12-05");
        allowed("bidder", "SCAN", "0", "MATCH", "campaign:*", "COUNT", "100");
        allowed("bidder", "HGETALL", "campaign:c1");
        allowed("bidder", "SUBSCRIBE", "core-data");
        allowed("bidder", "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "campaign:");
        denied("bidder", "GET", "bid:0190a0b0-0000-7000-8000-000000000001");
        denied("bidder", "HSET", "campaign:c1", "bidCpm", "9");
        denied("bidder", "DEL", "campaign:c1");
        denied("bidder", "PUBLISH", "core-data", "{}");
        denied("bidder", "SUBSCRIBE", "other");
        denied("bidder", "FLUSHALL");
        denied("bidder", "KEYS", "*");
    }

    @Test
    void theTrackerOnlyReadsBidsAndCampaignsAndKeepsItsDedupeMarks() {
        allowed("tracker", "GET", "bid:0190a0b0-0000-7000-8000-000000000001");
        allowed("tracker", "HGETALL", "campaign:c1");
        allowed("tracker", "SCAN", "0", "MATCH", "campaign:*");
        allowed("tracker", "SET", "seen:IMPRESSION:0190a0b0-0000-7000-8000-000000000001", "1", "NX", "PX", "60000");
        allowed("tracker", "SUBSCRIBE", "core-data");
        denied("tracker", "SET", "bid:0190a0b0-0000-7000-8000-000000000001", "forged");
        denied("tracker", "DEL", "bid:0190a0b0-0000-7000-8000-000000000001");
        denied("tracker", "HSET", "campaign:c1", "bidCpm", "9");
        denied("tracker", "INCRBY", "spend:c1:2026-12-05", "1");
        denied("tracker", "PUBLISH", "core-data", "{}");
    }

    @Test
    void theUpdaterWritesCampaignsAndAnnouncesThem() {
        allowed("updater", "MULTI", "DEL", "campaign:c9", "HSET", "campaign:c9", "bidCpm", "2.5", "EXEC");
        allowed("updater", "EXISTS", "campaign:c9");
        allowed("updater", "HGETALL", "campaign:c9");
        allowed("updater", "SCAN", "0", "MATCH", "campaign:*");
        allowed("updater", "PUBLISH", "core-data", "{}");
        allowed("updater", "DEL", "campaign:c9");
        denied("updater", "GET", "bid:0190a0b0-0000-7000-8000-000000000001");
        denied("updater", "SET", "bid:0190a0b0-0000-7000-8000-000000000001", "x");
        denied("updater", "PUBLISH", "other", "{}");
    }

    @Test
    void theLoadGeneratorReadsCampaignsAndTheDashboardOnlyServerFigures() {
        allowed("loadgen", "SCAN", "0", "MATCH", "campaign:*");
        allowed("loadgen", "HGETALL", "campaign:c1");
        denied("loadgen", "HSET", "campaign:c1", "bidCpm", "9");
        denied("loadgen", "GET", "bid:0190a0b0-0000-7000-8000-000000000001");
        allowed("dashboard", "INFO", "memory");
        allowed("dashboard", "DBSIZE");
        denied("dashboard", "HGETALL", "campaign:c1");
        denied("dashboard", "CONFIG", "GET", "maxmemory");
        allowed("admin", "GET", "bid:0190a0b0-0000-7000-8000-000000000001");
        allowed("admin", "CONFIG", "GET", "maxmemory");
    }

    /**
     * Runs one command (or, given MULTI, a transaction of commands whose names are upper case) as
     * {@code user} on the engine and on redis-server: both answer alike, and neither refuses it.
     */
    private static void allowed(String user, String... command) {
        List<Reply> replies = onBoth(user, command);
        for (Reply r : replies) {
            assertFalse(r.isError(), user + " may run " + String.join(" ", command) + ": " + r);
        }
    }

    /** As {@link #allowed}, but both refuse it with NOPERM. */
    private static void denied(String user, String... command) {
        List<Reply> replies = onBoth(user, command);
        Reply last = replies.getLast();
        assertTrue(last.isError() && last.text().startsWith("NOPERM"), user + " may not run " + String.join(" ", command) + ": " + last);
    }

    /** The engine's replies, after checking that redis-server gave the same ones. */
    private static List<Reply> onBoth(String user, String... command) {
        List<Reply> engineReplies = run(engine.port(), user, command);
        List<Reply> redisReplies = run(redis.port(), user, command);
        // INFO and DBSIZE describe each server itself: only whether they were refused must agree.
        boolean serverFigures = command[0].equals("INFO") || command[0].equals("DBSIZE");
        assertEquals(serverFigures ? redisReplies.stream().map(Reply::isError).toList() : redisReplies.toString(),
                serverFigures ? engineReplies.stream().map(Reply::isError).toList() : engineReplies.toString(),
                user + ": " + String.join(" ", command) + " answered as redis-server does");
        return engineReplies;
    }

    private static List<Reply> run(int port, String user, String... command) {
        try (RespClient client = RespClient.connect(port)) {
            Reply auth = client.call("AUTH", user, USERS.passwords().get(user));
            assertEquals("OK", auth.text(), user + " signs in");
            if (!command[0].equals("MULTI")) {
                return List.of(client.call(command));
            }
            // MULTI DEL k HSET k f v EXEC: split at the upper-case command names.
            List<Reply> replies = new ArrayList<>();
            List<String> current = new ArrayList<>();
            for (String word : command) {
                if (!current.isEmpty() && word.matches("[A-Z]+") && !word.equals(current.getFirst())) {
                    replies.add(client.call(current.toArray(String[]::new)));
                    current.clear();
                }
                current.add(word);
            }
            replies.add(client.call(current.toArray(String[]::new)));
            return replies;
        }
    }
}
