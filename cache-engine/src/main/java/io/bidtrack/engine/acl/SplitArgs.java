package io.bidtrack.engine.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the inside of a selector, {@code (+get ~k*)}, into rules as Redis' sdssplitargs does:
 * on whitespace, with {@code "..."} (backslash escapes) and {@code '...'} quoting.
 */
final class SplitArgs {
    private SplitArgs() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return words;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (; i < n; i++) {
                char c = line.charAt(i);
                if (quote == 0) {
                    if (Character.isWhitespace(c)) {
                        break;
                    } else if (c == '"' || c == '\'') {
                        quote = c;
                    } else {
                        word.append(c);
                    }
                } else if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < n) {
                    char next = line.charAt(++i);
                    word.append(switch (next) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        case 'b' -> '\b';
                        case 'a' -> (char) 7;
                        default -> next;
                    });
                } else {
                    word.append(c);
                }
            }
            words.add(word.toString());
        }
    }
}
