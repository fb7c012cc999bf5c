package dev.stagecraft.cli;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What every command works with: the resolved settings, the REST client, the terminal and the output format. */
record Session(Settings settings, Api api, Terminal terminal, Stagecraft.Output output, Map<String, String> env) {

    boolean json() {
        return output == Stagecraft.Output.JSON;
    }

    void print(String text) {
        terminal.out.print(text.endsWith("\n") ? text : text + "\n");
        terminal.out.flush();
    }

    void printJson(JsonNode node) {
        print(Json.pretty(node));
    }
}
