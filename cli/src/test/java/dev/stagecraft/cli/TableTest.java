package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsArePaddedToTheWidestCellAndColoursDoNotCount() {
        Terminal plain = new Terminal(System.out, System.err, false);
        Terminal coloured = new Terminal(System.out, System.err, true);

        String withoutColour = table(plain).render(plain);
        String withColour = table(coloured).render(coloured);

        assertThat(withoutColour).isEqualTo("""
                        ENVIRONMENT  STATUS   VERSION
                        qa           RUNNING  1.0.0
                        review-1432  FAILURE  1.1.0
                        """);
        assertThat(withColour).contains("\u001b[32mRUNNING\u001b[0m").contains("\u001b[1mENVIRONMENT\u001b[0m");
        assertThat(withColour.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(withoutColour);
    }

    private static Table table(Terminal terminal) {
        return new Table("ENVIRONMENT", "STATUS", "VERSION")
                .row("qa", terminal.status("RUNNING"), "1.0.0")
                .row("review-1432", terminal.status("FAILURE"), "1.1.0");
    }

    @Test
    void fitCutsVisibleCharactersAndKeepsEscapesWhole() {
        String green = "\u001b[32m" + "abcdef" + "\u001b[0m";

        assertThat(Terminal.fit(green, 10)).isEqualTo(green);
        assertThat(Terminal.fit(green, 4)).isEqualTo("\u001b[32mabc\u001b[0m…\u001b[0m");
        assertThat(Terminal.visibleLength(Terminal.fit(green, 4))).isEqualTo(4);
    }

    @Test
    void noEscapesWithoutAnsi() {
        Terminal plain = new Terminal(new PrintStream(PrintStream.nullOutputStream()), System.err, false);

        assertThat(plain.status("FAILURE") + plain.bold("x") + plain.dim("y")).doesNotContain("\u001b");
    }
}
