package io.bidtrack.engine.acl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An ACL user: enabled or not, its passwords (as SHA-256 hex, never in clear), and its selectors,
 * the root one first. Clients hold the user object itself, so ACL SETUSER changes it in place and
 * connected clients see the new rules at their next command.
 */
public final class User {
    private final String name;
    private final CommandIndex index;
    private boolean enabled;
    private boolean nopass;
    /** 0: neither flag (a fresh user), 1: sanitize-payload, 2: skip-sanitize-payload. */
    private int sanitize;
    private final List<String> passwords = new ArrayList<>();
    private final List<Selector> selectors = new ArrayList<>();
    /** Some selector allows every command, key and channel: the dispatcher then checks nothing else. */
    private boolean unrestricted;

    User(String name, CommandIndex index) {
        this.name = name;
        this.index = index;
        selectors.add(new Selector(index));
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean nopass() {
        return nopass;
    }

    /** True when nothing about a command needs checking for this user: one field read per command. */
    public boolean unrestricted() {
        return unrestricted;
    }

    List<Selector> selectors() {
        return selectors;
    }

    List<String> passwords() {
        return passwords;
    }

    Selector root() {
        return selectors.getFirst();
    }

    /** A detached copy to stage ACL SETUSER rules on, so a failing rule changes nothing. */
    User copy() {
        User u = new User(name, index);
        u.copyFrom(this);
        return u;
    }

    void copyFrom(User other) {
        enabled = other.enabled;
        nopass = other.nopass;
        sanitize = other.sanitize;
        passwords.clear();
        passwords.addAll(other.passwords);
        selectors.clear();
        other.selectors.forEach(s -> selectors.add(s.copy()));
        refresh();
    }

    private void refresh() {
        unrestricted = selectors.stream().anyMatch(Selector::unrestricted);
    }

    /** Applies one rule, as Redis' ACLSetUser; throws {@link AclRuleException} for a bad one. */
    void apply(String op) {
        applyOne(op);
        refresh();
    }

    private void applyOne(String op) {
        if (op.isEmpty()) {
            return;
        }
        if (op.equalsIgnoreCase("on")) {
            enabled = true;
        } else if (op.equalsIgnoreCase("off")) {
            enabled = false;
        } else if (op.equalsIgnoreCase("skip-sanitize-payload")) {
            sanitize = 2;
        } else if (op.equalsIgnoreCase("sanitize-payload")) {
            sanitize = 1;
        } else if (op.equalsIgnoreCase("nopass")) {
            nopass = true;
            passwords.clear();
        } else if (op.equalsIgnoreCase("resetpass")) {
            nopass = false;
            passwords.clear();
        } else if (op.charAt(0) == '>' || op.charAt(0) == '#') {
            String hash = op.charAt(0) == '>' ? hash(op.substring(1)) : checkedHash(op.substring(1));
            if (!passwords.contains(hash)) {
                passwords.add(hash);
            }
            nopass = false;
        } else if (op.charAt(0) == '<' || op.charAt(0) == '!') {
            String hash = op.charAt(0) == '<' ? hash(op.substring(1)) : checkedHash(op.substring(1));
            if (!passwords.remove(hash)) {
                throw new AclRuleException(AclRuleException.NO_SUCH_PASSWORD);
            }
        } else if (op.charAt(0) == '(' && op.charAt(op.length() - 1) == ')') {
            Selector selector = new Selector(index);
            for (String inner : SplitArgs.split(op.substring(1, op.length() - 1))) {
                selector.apply(inner);
            }
            selectors.add(selector);
        } else if (op.equalsIgnoreCase("clearselectors")) {
            selectors.subList(1, selectors.size()).clear();
        } else if (op.equalsIgnoreCase("reset")) {
            for (String step : List.of("resetpass", "resetkeys", "resetchannels", "off", "sanitize-payload",
                    "clearselectors", "-@all")) {
                applyOne(step);
            }
        } else {
            root().apply(op);
        }
    }

    /** Whether the password opens this user (disabled users open to nothing). */
    boolean accepts(byte[] password) {
        if (!enabled) {
            return false;
        }
        if (nopass) {
            return true;
        }
        byte[] given = hash(password).getBytes(StandardCharsets.ISO_8859_1);
        boolean found = false;
        for (String p : passwords) {
            // Compared in constant time, so timing does not reveal how much of a hash matched.
            found |= MessageDigest.isEqual(given, p.getBytes(StandardCharsets.ISO_8859_1));
        }
        return found;
    }

    /** The flags in Redis' order: on/off, nopass, skip-sanitize-payload / sanitize-payload. */
    List<String> flags() {
        List<String> flags = new ArrayList<>();
        flags.add(enabled ? "on" : "off");
        if (nopass) {
            flags.add("nopass");
        }
        if (sanitize == 2) {
            flags.add("skip-sanitize-payload");
        } else if (sanitize == 1) {
            flags.add("sanitize-payload");
        }
        return flags;
    }

    /** The user as an ACL LIST line after "user name ": flags, password hashes, selectors. */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (String f : flags()) {
            out.append(f).append(' ');
        }
        for (String p : passwords) {
            out.append('#').append(p).append(' ');
        }
        out.append(root().describe());
        for (Selector s : selectors.subList(1, selectors.size())) {
            out.append(" (").append(s.describe()).append(')');
        }
        return out.toString();
    }

    static String hash(String password) {
        return hash(password.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String hash(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String checkedHash(String hash) {
        if (hash.length() != 64 || !hash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new AclRuleException(AclRuleException.BAD_HASH);
        }
        return hash;
    }

    /** Redis refuses spaces (as C's isspace) and NULs in user names and patterns. */
    static boolean hasSpaces(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0) {
                return true;
            }
        }
        return false;
    }
}
