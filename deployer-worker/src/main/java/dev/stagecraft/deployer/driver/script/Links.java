package dev.stagecraft.deployer.driver.script;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV {@code info} prints: one {@code name,url} per line. Blank lines and a header line {@code name,url}
 * are skipped; a field may be enclosed in double quotes. Any other line is a mistake of the script and fails.
 */
final class Links {

    static final String STEP = "info";

    private Links() {}

    static List<Link> parse(List<String> lines) {
        List<Link> links = new ArrayList<>();
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.replace(" ", "").equalsIgnoreCase("name,url")) {
                continue;
            }
            int comma = stripped.indexOf(',');
            String name = comma < 0 ? "" : unquote(stripped.substring(0, comma));
            String url = comma < 0 ? "" : unquote(stripped.substring(comma + 1));
            if (name.isEmpty() || url.isEmpty()) {
                throw new DriverException(
                        STEP,
                        FailureReason.GENERIC,
                        "info printed '" + line + "', which is not a CSV line name,url; fix the info script");
            }
            links.add(new Link(name, url));
        }
        return links;
    }

    private static String unquote(String field) {
        String stripped = field.strip();
        return stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")
                ? stripped.substring(1, stripped.length() - 1).replace("\"\"", "\"")
                : stripped;
    }
}
