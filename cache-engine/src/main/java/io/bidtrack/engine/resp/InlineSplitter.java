package io.bidtrack.engine.resp;

/**
 * Splits an inline command line into arguments the way redis-cli and Redis' {@code sdssplitargs}
 * do: blanks separate arguments; {@code "..."} supports {@code \n \r \t \b \a \xHH} and
 * {@code \<any>} escapes; {@code '...'} supports only {@code \'}; a closing quote must be followed
 * by a blank or the end of the line.
 *
 * <p>Unescaping changes the bytes, so arguments are written into a scratch array owned by this
 * splitter (kept for reuse; inline commands are at most 64 KB).
 */
final class InlineSplitter {
    private byte[] scratch = new byte[0];

    /** Returns false on unbalanced quotes. */
    boolean split(byte[] line, int from, int to, CommandArgs args) {
        // Redis copies the line into a C string, so an embedded NUL byte ends it.
        for (int i = from; i < to; i++) {
            if (line[i] == 0) {
                to = i;
                break;
            }
        }
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, 64)];
        }
        int out = 0;
        int p = from;
        while (true) {
            while (p < to && isBlank(line[p])) {
                p++;
            }
            if (p >= to) {
                args.bind(scratch, 0);
                return true;
            }
            int argStart = out;
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                // Unsigned values, so that byte 0xFF is not mistaken for the -1 end marker.
                int c = p < to ? line[p] & 0xff : -1;
                int next = p + 1 < to ? line[p + 1] & 0xff : -1;
                if (inDouble) {
                    if (c == '\\' && next == 'x' && p + 3 < to && isHex(line[p + 2]) && isHex(line[p + 3])) {
                        scratch[out++] = (byte) (hexValue(line[p + 2]) * 16 + hexValue(line[p + 3]));
                        p += 3;
                    } else if (c == '\\' && next != -1) {
                        p++;
                        scratch[out++] = switch (line[p]) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> line[p];
                        };
                    } else if (c == '"') {
                        if (next != -1 && !isBlank((byte) next)) {
                            return false;
                        }
                        done = true;
                    } else if (c == -1) {
                        return false;
                    } else {
                        scratch[out++] = (byte) c;
                    }
                } else if (inSingle) {
                    if (c == '\\' && next == '\'') {
                        p++;
                        scratch[out++] = '\'';
                    } else if (c == '\'') {
                        if (next != -1 && !isBlank((byte) next)) {
                            return false;
                        }
                        done = true;
                    } else if (c == -1) {
                        return false;
                    } else {
                        scratch[out++] = (byte) c;
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', -1 -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> scratch[out++] = (byte) c;
                    }
                }
                if (p < to) {
                    p++;
                }
            }
            args.add(argStart, out - argStart);
        }
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(byte c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
