package io.bidtrack.engine.command.server;

import io.bidtrack.engine.command.CommandSpec;
import io.bidtrack.engine.command.CommandTable;
import io.bidtrack.engine.command.ErrorStats;
import java.util.Locale;

/** The commandstats and errorstats sections of INFO, in Redis' line format. */
final class CommandStatsInfo {
    private CommandStatsInfo() {
    }

    /** One line per command (or subcommand) called or rejected at least once. */
    static void commandStats(CommandTable commands, StringBuilder out) {
        out.append("# Commandstats\r\n");
        for (CommandSpec spec : commands.all()) {
            line(spec, out);
            if (spec.subcommands() != null) {
                for (CommandSpec sub : spec.subcommands().all()) {
                    line(sub, out);
                }
            }
        }
    }

    private static void line(CommandSpec spec, StringBuilder out) {
        if (spec.calls() == 0 && spec.rejectedCalls() == 0 && spec.failedCalls() == 0) {
            return;
        }
        double perCall = spec.calls() == 0 ? 0 : (double) spec.usec() / spec.calls();
        out.append("cmdstat_").append(spec.fullName())
                .append(":calls=").append(spec.calls())
                .append(",usec=").append(spec.usec())
                .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f", perCall))
                .append(",rejected_calls=").append(spec.rejectedCalls())
                .append(",failed_calls=").append(spec.failedCalls())
                .append("\r\n");
    }

    static void errorStats(ErrorStats errors, StringBuilder out) {
        out.append("# Errorstats\r\n");
        errors.byCode().forEach((code, count) ->
                out.append("errorstat_").append(code).append(":count=").append(count[0]).append("\r\n"));
    }
}
