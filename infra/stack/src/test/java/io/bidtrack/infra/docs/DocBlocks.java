package io.bidtrack.infra.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell blocks of a Markdown page, as the docs test reads them (the convention is written at
 * the top of {@code docs/walkthrough.md}):
 * <ul>
 *   <li>a {@code ```bash} block is run; each of its commands is one line, or several joined by a
 *       trailing backslash; comment lines are not commands;</li>
 *   <li>{@code # => text} after a command (at the end of its line, or on a comment line right below
 *       it) says its output contains {@code text}; {@code # =~ regex} that its output matches;</li>
 *   <li>a {@code ```bash not-run} block is shown, not run (the test keeps a short list of them);</li>
 *   <li>any other fence ({@code text}, {@code json}, {@code mermaid}, none) is output or a figure.
 *       A fence in {@code sh}, {@code shell}, {@code console} or {@code zsh} is refused, so that a
 *       command cannot hide from the test behind another name.</li>
 * </ul>
 */
final class DocBlocks {
    private static final Set<String> REFUSED = Set.of("sh", "shell", "console", "zsh", "shell-session");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*(.*)$");
    /** An expectation: "# =>" or "# =~" after whitespace (or at the start of a comment line). */
    private static final Pattern EXPECTATION = Pattern.compile("(?:^|\\s)#\\s*(=>|=~)\\s?(.*)$");

    private DocBlocks() {
    }

    /** What a command's output must show. */
    record Expectation(boolean regex, String text) {
        boolean metBy(String output) {
            return regex ? Pattern.compile(text, Pattern.MULTILINE).matcher(output).find() : output.contains(text);
        }

        @Override
        public String toString() {
            return (regex ? "a match of /" + text + "/" : "\"" + text + "\"");
        }
    }

    /** One command as written, at its first line (1-based) in the page. */
    record Command(Path page, int line, String text, List<Expectation> expectations) {
        String where() {
            return page.getFileName() + ":" + line;
        }

        /** The command without its trailing comment, on one line: what the allow-list names. */
        String firstWords() {
            String joined = text.replace("\\\n", " ").replaceAll("\\s+", " ").trim();
            Matcher m = Pattern.compile("\\s#").matcher(joined);
            return (m.find() ? joined.substring(0, m.start()) : joined).trim();
        }
    }

    /** A fenced bash block: run, or shown only. */
    record Block(Path page, int line, boolean run, List<Command> commands) {
    }

    static List<Block> read(Path page) throws IOException {
        return parse(page, Files.readAllLines(page));
    }

    static List<Block> parse(Path page, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                i++;
                continue;
            }
            String info = fence.group(2).trim();
            String language = info.isEmpty() ? "" : info.split("\\s+")[0].toLowerCase(Locale.ROOT);
            int open = i;
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).trim().startsWith("```")) {
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalArgumentException(page + ":" + (open + 1) + ": a code block that is never closed");
            }
            if (REFUSED.contains(language)) {
                throw new IllegalArgumentException(page + ":" + (open + 1) + ": a ```" + language
                        + " block: write shell commands in ```bash (run by the docs test) or ```bash not-run");
            }
            if (language.equals("bash")) {
                String rest = info.substring(language.length()).trim();
                if (!rest.isEmpty() && !rest.equals("not-run")) {
                    throw new IllegalArgumentException(page + ":" + (open + 1) + ": unknown marker '" + rest
                            + "' on a bash block (only 'not-run')");
                }
                blocks.add(new Block(page, open + 1, rest.isEmpty(), commands(page, lines, open + 1, close)));
            }
            i = close + 1;
        }
        return blocks;
    }

    /** The commands of lines [from, to) of the page. */
    private static List<Command> commands(Path page, List<String> lines, int from, int to) {
        List<Command> commands = new ArrayList<>();
        int i = from;
        while (i < to) {
            String line = lines.get(i);
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                i++;
                continue;
            }
            if (trimmed.startsWith("#")) {
                Matcher m = EXPECTATION.matcher(trimmed);
                if (m.find()) {
                    if (commands.isEmpty()) {
                        throw new IllegalArgumentException(page + ":" + (i + 1) + ": an expectation before any command");
                    }
                    commands.get(commands.size() - 1).expectations().add(expectation(m));
                }
                i++;
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder(line);
            while (text.toString().endsWith("\\") && i + 1 < to) {
                i++;
                text.append('\n').append(lines.get(i));
            }
            List<Expectation> expectations = new ArrayList<>();
            Matcher m = EXPECTATION.matcher(lines.get(i));
            if (m.find()) {
                expectations.add(expectation(m));
            }
            commands.add(new Command(page, start + 1, text.toString(), expectations));
            i++;
        }
        return commands;
    }

    private static Expectation expectation(Matcher m) {
        String text = m.group(2).strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty expectation: " + m.group());
        }
        return new Expectation(m.group(1).equals("=~"), text);
    }
}
