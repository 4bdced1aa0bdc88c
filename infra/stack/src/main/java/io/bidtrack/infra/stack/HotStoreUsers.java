package io.bidtrack.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hot store's users, one per service, from {@code infra/acl/users.acl} (on the classpath as
 * {@code users.acl} in this package). The bundled engine loads that file as its {@code aclfile},
 * the compose stack mounts the same file, and each service's {@code redis.url} names its own user,
 * so the demo runs with exactly the rights the compose stack gives (see {@code infra/acl/README.md}).
 */
public final class HotStoreUsers {
    public static final String ADMIN = "admin";
    public static final String BIDDER = "bidder";
    public static final String TRACKER = "tracker";
    public static final String UPDATER = "updater";
    public static final String LOADGEN = "loadgen";
    public static final String DASHBOARD = "dashboard";
    private static final String RESOURCE = "users.acl";

    private final String aclFile;
    /** user name to its (first) plain-text password, as the {@code >password} rule gives it */
    private final Map<String, String> passwords;

    private HotStoreUsers(String aclFile) {
        this.aclFile = aclFile;
        this.passwords = passwords(aclFile);
    }

    /** The users the stacks share. */
    public static HotStoreUsers shared() {
        try (InputStream in = HotStoreUsers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " next to " + HotStoreUsers.class.getName()
                        + " (copied from infra/acl/users.acl at build)");
            }
            return new HotStoreUsers(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the ACL file's text: one {@code user <name> <rules...>} line per user. */
    static HotStoreUsers parse(String aclFile) {
        return new HotStoreUsers(aclFile);
    }

    private static Map<String, String> passwords(String aclFile) {
        Map<String, String> byUser = new LinkedHashMap<>();
        for (String line : aclFile.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 2 || !words[0].equals("user")) {
                continue;
            }
            for (int i = 2; i < words.length; i++) {
                if (words[i].startsWith(">")) {
                    byUser.putIfAbsent(words[1], words[i].substring(1));
                    break;
                }
            }
        }
        return byUser;
    }

    /** Writes the ACL file where the engine will keep it (ACL SAVE writes back there, not into the repository). */
    public Path writeTo(Path file) {
        try {
            Files.writeString(file, aclFile);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The users that have a password, and their password. */
    public Map<String, String> passwords() {
        return Map.copyOf(passwords);
    }

    /** {@code redis://user:password@host:port} for one of the users. */
    public String url(String user, String host, int port) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no hot-store user '" + user + "' with a password in " + RESOURCE
                    + "; users: " + passwords.keySet());
        }
        return "redis://" + encode(user) + ":" + encode(password) + "@" + host + ":" + port;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
