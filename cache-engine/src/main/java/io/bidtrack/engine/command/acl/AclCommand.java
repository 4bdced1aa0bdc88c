package io.bidtrack.engine.command.acl;

import io.bidtrack.engine.acl.Acl;
import io.bidtrack.engine.acl.AclLog;
import io.bidtrack.engine.acl.Categories;
import io.bidtrack.engine.acl.User;
import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.Command;
import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.Errors;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import io.bidtrack.engine.resp.ReplyWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * ACL and its subcommands: CAT, DELUSER, DRYRUN, GENPASS, GETUSER, HELP, LIST, LOAD, LOG, SAVE,
 * SETUSER, USERS, WHOAMI. The users and checks themselves are in io.bidtrack.engine.acl.
 */
public final class AclCommand {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int GENPASS_MAX_BITS = 4096;

    private AclCommand() {
    }

    public static void register(CommandTable table) {
        table.add(CommandSpec.named("acl").arity(-2).acl("@slow")
                .subcommand(admin("setuser", -3, AclCommand::setUser))
                .subcommand(plain("cat", -2, AclCommand::cat))
                .subcommand(admin("load", 2, AclFiles::load))
                .subcommand(plain("genpass", -2, AclCommand::genpass))
                .subcommand(admin("deluser", -3, AclCommand::delUser))
                .subcommand(CommandSpec.named("help").arity(2).flags("loading", "stale").acl("@slow")
                        .handler(AclCommand::help))
                .subcommand(plain("whoami", 2, (client, args) -> client.reply().bulk(client.user().name())))
                .subcommand(admin("users", 2, AclCommand::users))
                .subcommand(admin("log", -2, AclCommand::log))
                .subcommand(admin("list", 2, AclCommand::list))
                .subcommand(admin("getuser", 3, AclCommand::getUser))
                .subcommand(admin("save", 2, AclFiles::save))
                .subcommand(admin("dryrun", -4, AclCommand::dryRun))
                .build());
    }

    private static CommandSpec.Builder admin(String name, int arity, Command handler) {
        return CommandSpec.named(name).arity(arity).flags("admin", "noscript", "loading", "stale")
                .acl("@admin", "@slow", "@dangerous").handler(handler);
    }

    private static CommandSpec.Builder plain(String name, int arity, Command handler) {
        return CommandSpec.named(name).arity(arity).flags("noscript", "loading", "stale").acl("@slow")
                .handler(handler);
    }

    /** Redis' reply when a subcommand gets arguments it does not take. */
    static RedisError subcommandSyntax(CommandArgs args) {
        return new RedisError("ERR unknown subcommand or wrong number of arguments for '" + args.text(1)
                + "'. Try " + args.text(0).toUpperCase(Locale.ROOT) + " HELP.");
    }

    static void setUser(Client client, CommandArgs args) {
        String name = args.text(2);
        if (hasSpaces(name)) {
            throw new RedisError("ERR Usernames can't contain spaces or null characters");
        }
        List<String> given = new ArrayList<>();
        for (int i = 3; i < args.count(); i++) {
            given.add(args.text(i));
        }
        List<String> rules = mergeSelectors(given);
        client.engine().acl().setUser(name, rules, client.engine().clients().all());
        client.reply().ok();
    }

    /**
     * A selector may be spread over several arguments, {@code (+get ~k*)} sent as "(+get" and
     * "~k*)": they are joined with spaces, as Redis does. Throws for a selector never closed.
     */
    static List<String> mergeSelectors(List<String> given) {
        List<String> merged = new ArrayList<>();
        StringBuilder open = null;
        String openedBy = null;
        for (String op : given) {
            if (open == null && op.startsWith("(") && !op.endsWith(")")) {
                open = new StringBuilder(op);
                openedBy = op;
            } else if (open != null) {
                open.append(' ').append(op);
                if (op.endsWith(")")) {
                    merged.add(open.toString());
                    open = null;
                }
            } else {
                merged.add(op);
            }
        }
        if (open != null) {
            throw new RedisError("ERR Unmatched parenthesis in acl selector starting at '" + openedBy + "'.");
        }
        return merged;
    }

    static boolean hasSpaces(String s) {
        return s.chars().anyMatch(c -> c == ' ' || (c >= '\t' && c <= '\r') || c == 0);
    }

    static void delUser(Client client, CommandArgs args) {
        List<String> names = new ArrayList<>();
        for (int i = 2; i < args.count(); i++) {
            if (args.text(i).equals("default")) {
                throw new RedisError("ERR The 'default' user cannot be removed");
            }
            names.add(args.text(i));
        }
        int deleted = client.engine().acl().deleteUsers(names, client, List.copyOf(allClients(client)));
        client.reply().integer(deleted);
    }

    private static List<Client> allClients(Client client) {
        List<Client> all = new ArrayList<>();
        client.engine().clients().all().forEach(all::add);
        return all;
    }

    static void getUser(Client client, CommandArgs args) {
        User user = client.engine().acl().user(args.text(2));
        ReplyWriter reply = client.reply();
        if (user == null) {
            reply.nullValue();
            return;
        }
        client.engine().acl().writeUser(user, reply);
    }

    static void list(Client client, CommandArgs args) {
        List<String> lines = client.engine().acl().describeAll();
        client.reply().arrayHeader(lines.size());
        lines.forEach(client.reply()::bulk);
    }

    static void users(Client client, CommandArgs args) {
        ReplyWriter reply = client.reply();
        List<User> users = new ArrayList<>(client.engine().acl().users());
        reply.arrayHeader(users.size());
        users.forEach(u -> reply.bulk(u.name()));
    }

    static void cat(Client client, CommandArgs args) {
        ReplyWriter reply = client.reply();
        if (args.count() > 3) {
            throw subcommandSyntax(args);
        }
        if (args.count() == 2) {
            reply.arrayHeader(Categories.NAMES.size());
            Categories.NAMES.forEach(reply::bulk);
            return;
        }
        String category = args.text(2);
        if (Categories.bit(category) == 0) {
            throw new RedisError("ERR Unknown category '" + (category.length() > 128 ? category.substring(0, 128)
                    : category) + "'");
        }
        List<String> names = new ArrayList<>();
        collect(client.engine().commands().all(), "@" + category.toLowerCase(Locale.ROOT), names);
        reply.arrayHeader(names.size());
        names.forEach(reply::bulk);
    }

    private static void collect(List<CommandSpec> commands, String category, List<String> names) {
        for (CommandSpec spec : commands) {
            if (spec.aclCategories().contains(category)) {
                names.add(spec.fullName());
            }
            if (spec.subcommands() != null) {
                collect(spec.subcommands().all(), category, names);
            }
        }
    }

    static void genpass(Client client, CommandArgs args) {
        if (args.count() > 3) {
            throw subcommandSyntax(args);
        }
        long bits = 256;
        if (args.count() == 3) {
            bits = args.longValue(2);
        }
        if (bits <= 0 || bits > GENPASS_MAX_BITS) {
            throw new RedisError("ERR ACL GENPASS argument must be the number of bits for the output password, "
                    + "a positive number up to " + GENPASS_MAX_BITS);
        }
        int chars = (int) ((bits + 3) / 4);
        byte[] random = new byte[(chars + 1) / 2];
        RANDOM.nextBytes(random);
        client.reply().bulk(HexFormat.of().formatHex(random).substring(0, chars));
    }

    static void log(Client client, CommandArgs args) {
        if (args.count() > 3) {
            throw subcommandSyntax(args);
        }
        AclLog log = client.engine().acl().log();
        long count = 10;
        if (args.count() == 3) {
            if (args.is(2, "reset")) {
                log.reset();
                client.reply().ok();
                return;
            }
            count = Math.max(0, args.longValue(2));
        }
        ReplyWriter reply = client.reply();
        List<AclLog.Entry> entries = log.newest(count);
        long now = System.currentTimeMillis();
        reply.arrayHeader(entries.size());
        for (AclLog.Entry e : entries) {
            reply.mapHeader(7);
            reply.bulk("count");
            reply.integer(e.count);
            reply.bulk("reason");
            reply.bulk(e.reason);
            reply.bulk("context");
            reply.bulk(e.context);
            reply.bulk("object");
            reply.bulk(e.object);
            reply.bulk("username");
            reply.bulk(e.username);
            reply.bulk("age-seconds");
            reply.doubleValue((now - e.millis) / 1000.0);
            reply.bulk("client-info");
            reply.bulk(e.clientInfo);
        }
    }

    static void dryRun(Client client, CommandArgs args) {
        Acl acl = client.engine().acl();
        User user = acl.user(args.text(2));
        if (user == null) {
            throw new RedisError("ERR User '" + args.text(2) + "' not found");
        }
        CommandSpec spec = client.engine().commands().find(args.data(), args.offset(3), args.length(3));
        if (spec != null && spec.subcommands() != null && args.count() > 4) {
            spec = spec.subcommands().find(args.data(), args.offset(4), args.length(4));
        }
        if (spec == null) {
            throw new RedisError("ERR Command '" + args.text(3) + "' not found");
        }
        if (!spec.acceptsArgumentCount(args.count() - 3)) {
            throw Errors.wrongArity(spec.fullName());
        }
        Acl.Denial denial = acl.dryRun(user, spec, args, 3);
        if (denial == null) {
            client.reply().ok();
            return;
        }
        String message = switch (denial.reason()) {
            case Acl.DENIED_COMMAND -> "This user has no permissions to run the '" + spec.fullName() + "' command";
            case Acl.DENIED_KEY -> "This user has no permissions to access the '" + args.text(3 + denial.position())
                    + "' key";
            default -> "This user has no permissions to access the '" + args.text(3 + denial.position())
                    + "' channel";
        };
        client.reply().bulk(message);
    }

    static void help(Client client, CommandArgs args) {
        List<String> lines = List.of(
                "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "CAT [<category>]",
                "    List all commands that belong to <category>, or all command categories",
                "    when no category is specified.",
                "DELUSER <username> [<username> ...]",
                "    Delete a list of users.",
                "DRYRUN <username> <command> [<arg> ...]",
                "    Returns whether the user can execute the given command without executing the command.",
                "GETUSER <username>",
                "    Get the user's details.",
                "GENPASS [<bits>]",
                "    Generate a secure 256-bit user password. The optional `bits` argument can",
                "    be used to specify a different size.",
                "LIST",
                "    Show users details in config file format.",
                "LOAD",
                "    Reload users from the ACL file.",
                "LOG [<count> | RESET]",
                "    Show the ACL log entries.",
                "SAVE",
                "    Save the current config to the ACL file.",
                "SETUSER <username> <attribute> [<attribute> ...]",
                "    Create or modify a user with the specified attributes.",
                "USERS",
                "    List all the registered usernames.",
                "WHOAMI",
                "    Return the current connection username.",
                "HELP",
                "    Prints this help.");
        client.reply().arrayHeader(lines.size());
        lines.forEach(client.reply()::simpleString);
    }
}
