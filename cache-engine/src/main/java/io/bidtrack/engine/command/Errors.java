package io.bidtrack.engine.command;

import io.bidtrack.engine.resp.CommandArgs;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Redis' error replies, word for word: clients and tests match on them. */
public final class Errors {
    private Errors() {
    }

    public static final RedisError WRONG_TYPE =
            new RedisError("WRONGTYPE Operation against a key holding the wrong kind of value");
    public static final RedisError NOT_AN_INTEGER = new RedisError("ERR value is not an integer or out of range");
    public static final RedisError SYNTAX = new RedisError("ERR syntax error");
    public static final RedisError OVERFLOW = new RedisError("ERR increment or decrement would overflow");
    public static final RedisError INVALID_CURSOR = new RedisError("ERR invalid cursor");
    public static final RedisError DB_INDEX_OUT_OF_RANGE = new RedisError("ERR DB index is out of range");
    public static final RedisError BAD_CLIENT_NAME =
            new RedisError("ERR Client names cannot contain spaces, newlines or special characters.");

    /** Redis' message when an integer argument that must fit 32 bits does not. */
    public static final RedisError NOT_AN_INT32 =
            new RedisError("ERR value is out of range, value must between -2147483648 and 2147483647");

    public static RedisError wrongArity(String commandName) {
        return new RedisError("ERR wrong number of arguments for '" + commandName + "' command");
    }

    public static RedisError invalidExpireTime(String commandName) {
        return new RedisError("ERR invalid expire time in '" + commandName + "' command");
    }

    /** {@code ERR unknown command 'foo', with args beginning with: 'a' 'b' }, truncated as Redis does. */
    public static RedisError unknownCommand(CommandArgs args) {
        StringBuilder list = new StringBuilder();
        for (int i = 1; i < args.count() && list.length() < 128; i++) {
            String shown = cString(args, i, 128 - list.length());
            list.append('\'').append(shown).append("' ");
        }
        return new RedisError("ERR unknown command '" + cString(args, 0, 128) + "', with args beginning with: " + list);
    }

    /** {@code ERR unknown subcommand 'foo'. Try CLIENT HELP.} */
    public static RedisError unknownSubcommand(CommandArgs args) {
        String container = cString(args, 0, Integer.MAX_VALUE).toUpperCase(Locale.ROOT);
        return new RedisError("ERR unknown subcommand '" + cString(args, 1, 128) + "'. Try " + container + " HELP.");
    }

    /**
     * Argument {@code i} as Redis prints it with {@code %.Ns}: at most {@code max} bytes, and only
     * up to the first NUL byte (a C string ends there).
     */
    static String cString(CommandArgs args, int i, int max) {
        byte[] data = args.data();
        int from = args.offset(i);
        int length = Math.min(args.length(i), max);
        for (int k = 0; k < length; k++) {
            if (data[from + k] == 0) {
                length = k;
                break;
            }
        }
        return new String(data, from, length, StandardCharsets.ISO_8859_1);
    }
}
