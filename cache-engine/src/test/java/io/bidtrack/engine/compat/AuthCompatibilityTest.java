package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import io.bidtrack.engine.testing.RespClient;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AUTH, HELLO AUTH and requirepass against redis-server: NOAUTH before authenticating, the
 * commands allowed meanwhile, WRONGPASS, and how a password set later affects connections.
 */
class AuthCompatibilityTest extends CompatibilityTest {
    private static final String PASSWORD = "s3cret";

    @BeforeEach
    void createAdmin() {
        same("ACL SETUSER auth-test-admin on >admin-pass ~* &* +@all");
    }

    @AfterEach
    void resetAuth() {
        for (int port : new int[] {redis.port(), engine.port()}) {
            try (RespClient admin = RespClient.connect(port)) {
                assertEquals("OK", admin.call("AUTH", "auth-test-admin", "admin-pass").text());
                admin.call("ACL", "SETUSER", "default", "reset", "on", "nopass", "~*", "&*", "+@all");
                admin.call("CONFIG", "SET", "requirepass", "");
                for (Reply user : admin.call("ACL", "USERS").elements()) {
                    if (!user.text().equals("default") && !user.text().equals("auth-test-admin")) {
                        admin.call("ACL", "DELUSER", user.text());
                    }
                }
                admin.call("ACL", "LOG", "RESET");
                admin.call("ACL", "DELUSER", "auth-test-admin");
            }
        }
    }

    /** Fresh connections to both servers, replacing the test's own. */
    private void reconnect() {
        reference.close();
        subject.close();
        reference = RespClient.connect(redis.port());
        subject = RespClient.connect(engine.port());
    }

    @Test
    void authWithoutAPasswordConfigured() {
        sameAll("AUTH", "AUTH x", "AUTH a b c", "AUTH default anything", "AUTH nosuch x", "ACL WHOAMI",
                "CONFIG GET requirepass");
    }

    @Test
    void requirepassDemandsAuthentication() {
        sameAll("CONFIG SET requirepass " + PASSWORD, "CONFIG GET requirepass", "PING");
        reconnect();
        sameAll("PING", "GET k", "SET k v", "NOSUCH", "GET", "CLIENT LIST", "ACL WHOAMI", "MULTI", "SUBSCRIBE c",
                "CONFIG SET requirepass x", "AUTH", "AUTH wrong", "AUTH default wrong", "AUTH a b c");
        sameHello("HELLO 3");
        sameHello("HELLO 3 AUTH default wrong");
        sameHello("HELLO 4 AUTH default " + PASSWORD);
        sameAll("HELLO 3 SETNAME", "PING", "AUTH " + PASSWORD, "PING", "ACL WHOAMI", "GET k",
                "AUTH wrong", "PING", "RESET", "PING");
        sameHello("HELLO 2 AUTH default " + PASSWORD + " SETNAME named");
        sameAll("CLIENT GETNAME", "ACL LOG 1 2");
        sameAll("QUIT");
        reconnect();
        sameAll("AUTH " + PASSWORD, "ACL GETUSER default");
        Reply log = subject.call("ACL", "LOG");
        Reply expected = reference.call("ACL", "LOG");
        assertEquals(expected.elements().size(), log.elements().size());
        for (int i = 0; i < log.elements().size(); i++) {
            for (int field : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12}) {
                assertEquals(expected.element(i).element(field), log.element(i).element(field), "entry " + i);
            }
        }
    }

    @Test
    void connectionsOpenedBeforeThePasswordStayAuthenticated() {
        sameAll("CONFIG SET requirepass " + PASSWORD, "PING", "ACL WHOAMI", "CONFIG SET requirepass \"\"",
                "AUTH " + PASSWORD, "CONFIG SET requirepass other", "AUTH " + PASSWORD, "AUTH other", "PING");
        reconnect();
        sameAll("PING", "AUTH other", "ACL SETUSER default >third", "CONFIG GET requirepass", "ACL GETUSER default");
        reconnect();
        sameAll("AUTH third", "ACL SETUSER default resetpass nopass", "CONFIG GET requirepass");
    }

    @Test
    void authAsOtherUsers() {
        sameAll("ACL SETUSER alice on >apw >apw2 ~* &* +@all", "ACL SETUSER bob off >bpw +@all",
                "ACL SETUSER carol on nopass +@all", "AUTH alice wrong", "AUTH alice apw2", "ACL WHOAMI",
                "AUTH bob bpw", "ACL WHOAMI", "AUTH carol anything", "ACL WHOAMI", "AUTH nobody x");
        sameHello("HELLO 3 AUTH alice apw");
        sameAll("ACL WHOAMI", "ACL SETUSER alice off", "ACL WHOAMI", "PING", "AUTH alice apw");
        String line = subject.call("CLIENT", "INFO").text();
        assertTrue(line.contains(" user=alice "), line);
        sameAll("RESET", "ACL WHOAMI");
    }

    @Test
    void disabledDefaultUserRequiresAuthentication() {
        sameAll("ACL SETUSER admin on >adm +@all ~* &*", "ACL SETUSER default off");
        RespClient[] fresh = {RespClient.connect(redis.port()), RespClient.connect(engine.port())};
        try {
            for (String command : new String[] {"PING", "AUTH x", "AUTH default x", "ACL WHOAMI", "AUTH admin adm",
                    "ACL WHOAMI", "ACL SETUSER default on", "PING"}) {
                Reply expected = fresh[0].call(words(command));
                assertEquals(expected, fresh[1].call(words(command)), command);
            }
        } finally {
            Arrays.stream(fresh).forEach(RespClient::close);
        }
    }

    @Test
    void restrictedDefaultUserAppliesToNewConnections() {
        sameAll("ACL SETUSER default -@all +get ~k*", "GET k", "GET x", "SET k v", "PING", "AUTH x", "QUIT");
        reconnect();
        sameAll("PING", "GET k1");
        sameHello("HELLO 2 SETNAME x");
        sameAll("ACL SETUSER default +@all ~* &*", "PING");
    }

    @Test
    void slowLogHidesPasswordsAndRules() {
        sameAll("CONFIG SET slowlog-log-slower-than 0", "SLOWLOG RESET", "AUTH a b", "AUTH x",
                "ACL SETUSER zz on >p", "CONFIG SET requirepass \"\" hz 10");
        sameHello("HELLO 2 AUTH x y SETNAME n");
        Reply theirs = reference.call("SLOWLOG", "GET", "6");
        Reply ours = subject.call("SLOWLOG", "GET", "6");
        assertEquals(theirs.elements().size(), ours.elements().size());
        for (int i = 0; i < ours.elements().size(); i++) {
            assertEquals(theirs.element(i).element(3), ours.element(i).element(3), "arguments of entry " + i);
        }
        same("CONFIG SET slowlog-log-slower-than 10000");
    }
}
