package io.bidtrack.infra.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./bidtrack sql "SELECT ..."}: one SQL statement through Trino's JDBC driver, the answer
 * printed as an aligned table the way Trino's own CLI prints it. Trino's CLI is not on Maven
 * Central at the project's Trino version, and the JDBC driver is already on the stack's classpath.
 */
@Command(name = "bidtrack sql", mixinStandardHelpOptions = true,
        description = "Runs one SQL statement on the stack's Trino and prints the rows as a table.")
public final class SqlMain implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SQL", description = "the statement, e.g. \"SHOW TABLES\"")
    String sql;

    @Option(names = "--server", defaultValue = "jdbc:trino://127.0.0.1:8090/lake/bidtrack?user=bidtrack",
            description = "JDBC URL; its catalog and schema are the defaults for unqualified names (default ${DEFAULT-VALUE})")
    String server;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SqlMain()).execute(args));
    }

    @Override
    public Integer call() {
        try (Connection connection = DriverManager.getConnection(server);
             Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    print(rows, System.out);
                }
            } else {
                System.out.println("(" + statement.getLargeUpdateCount() + " rows changed)");
            }
            return 0;
        } catch (SQLException e) {
            System.err.println("bidtrack sql: " + e.getMessage());
            return 1;
        }
    }

    /** Column names, a rule, the rows with their cells padded to the widest, then the count. */
    static void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> table = new ArrayList<>();
        String[] header = new String[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = meta.getColumnLabel(c + 1);
        }
        table.add(header);
        while (rows.next()) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                Object value = rows.getObject(c + 1);
                row[c] = value == null ? "NULL" : value.toString();
            }
            table.add(row);
        }
        int[] widths = new int[columns];
        for (String[] row : table) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        out.println(line(header, widths));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (String[] row : table.subList(1, table.size())) {
            out.println(line(row, widths));
        }
        int count = table.size() - 1;
        out.println("(" + count + (count == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : " | ").append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        return line.toString().stripTrailing();
    }
}
