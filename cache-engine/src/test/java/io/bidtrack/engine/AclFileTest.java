package io.bidtrack.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * requirepass and aclfile from the configuration file, and ACL SAVE / ACL LOAD. (The reference
 * redis-server of the differential tests runs without an ACL file, so these check the engine
 * alone, against the formats and messages Redis 7.0 uses.)
 */
class AclFileTest {
    @TempDir
    Path dir;

    @Test
    void configFileSetsRequirepassAndAclfile() throws IOException {
        Path conf = Files.writeString(dir.resolve("redis.conf"), "requirepass \"pass word\"\naclfile /tmp/users.acl\n");
        EngineConfig c = ConfigFile.read(conf, EngineConfig.defaults());
        assertEquals("pass word", c.requirePass());
        assertEquals("/tmp/users.acl", c.aclFile());
        assertEquals("pass word", c.withPort(0).requirePass(), "with* keeps the ACL settings");
    }

    @Test
    void requirepassFromTheConfigurationProtectsTheEngine() {
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0).withRequirePass("pw"));
                RespClient client = RespClient.connect(engine.port())) {
            assertEquals("NOAUTH Authentication required.", client.call("PING").text());
            assertEquals("OK", client.call("AUTH", "pw").text());
            assertEquals("PONG", client.call("PING").text());
            assertEquals(List.of("requirepass", "pw"),
                    client.call("CONFIG", "GET", "requirepass").elements().stream().map(Reply::text).toList());
        }
    }

    @Test
    void saveThenLoadRestoresTheUsers() throws IOException {
        Path file = Files.createFile(dir.resolve("users.acl")); // like redis-server, the file must exist at start
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0).withAclFile(file.toString()));
                RespClient client = RespClient.connect(engine.port());
                RespClient other = RespClient.connect(engine.port())) {
            assertEquals("OK", client.call("ACL", "SETUSER", "alice", "on", ">pw", "~a*", "&news", "-@all", "+get",
                    "(+set ~b*)").text());
            List<String> listed = client.call("ACL", "LIST").elements().stream().map(Reply::text).toList();
            assertEquals("OK", client.call("ACL", "SAVE").text());
            assertEquals(String.join("\n", listed) + "\n", Files.readString(file), "the file holds ACL LIST's lines");

            assertEquals("OK", other.call("AUTH", "alice", "pw").text());
            assertEquals("OK", client.call("ACL", "SETUSER", "bob", "on", "nopass").text());
            assertEquals("OK", client.call("ACL", "LOAD").text());
            assertEquals(listed, client.call("ACL", "LIST").elements().stream().map(Reply::text).toList());
            assertTrue(other.closedByPeerWithin(2000), "clients of replaced users are disconnected");
            assertEquals("PONG", client.call("PING").text(), "the default user's clients stay");
        }
    }

    @Test
    void aBrokenFileChangesNothing() throws IOException {
        Path file = Files.createFile(dir.resolve("users.acl"));
        try (CacheEngine engine = CacheEngine.start(EngineConfig.defaults().withPort(0).withAclFile(file.toString()));
                RespClient client = RespClient.connect(engine.port())) {
            Files.delete(file);
            assertEquals("ERR Error loading ACLs, opening file '" + file + "': No such file or directory",
                    client.call("ACL", "LOAD").text());
            Files.writeString(file, "user ok on nopass +@all\nuser bad on +nosuch\nuser ok off\nnot-a-user\n");
            assertEquals("ERR " + file + ":2: Unknown command or category name in ACL. WARNING: Duplicate user 'ok' "
                    + "found on line 3. " + file + ":4 should start with user keyword followed by the username. "
                    + "WARNING: ACL errors detected, no change to the previously active ACL rules was performed",
                    client.call("ACL", "LOAD").text());
            assertEquals(List.of("default"), client.call("ACL", "USERS").elements().stream().map(Reply::text).toList());
        }
    }

    @Test
    void aBrokenFileStopsTheStart() throws IOException {
        Path file = Files.writeString(dir.resolve("users.acl"), "user x on +nosuch\n");
        assertThrows(RuntimeException.class,
                () -> CacheEngine.start(EngineConfig.defaults().withPort(0).withAclFile(file.toString())).close());
    }
}
